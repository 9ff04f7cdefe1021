"""jixiao's web system: a thin Django layer over ``jixiao.core`` (orgs, accounts, forms as rows)."""

import os


def setup() -> None:
    """Configure Django with jixiao's settings (for commands and scripts outside manage.py)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()
