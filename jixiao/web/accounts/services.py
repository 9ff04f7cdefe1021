"""Writes on people."""

from __future__ import annotations

from django.db import transaction

from jixiao.web.accounts.models import User
from jixiao.web.orgs.models import Organisation


@transaction.atomic
def user_ensure(
    *, username: str, password: str, role: str, organisation: Organisation | None, display_name: str = ""
) -> User:
    """Return the user with this name, created or brought to the given role, organisation and password."""
    user = User.objects.filter(username=username).first() or User(username=username)
    user.role, user.organisation, user.display_name = role, organisation, display_name
    user.is_staff = user.is_superuser = role == User.ADMINISTRATOR
    user.full_clean(exclude=["password"])
    user.set_password(password)
    user.save()
    return user
