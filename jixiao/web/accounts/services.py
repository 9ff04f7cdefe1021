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


def password_reset_link(*, user: User, base_url: str) -> str:
    """Return a one-time link (valid ``PASSWORD_RESET_TIMEOUT``) to set a new password for ``user``.

    An administrator issues it where no mail server is configured and hands it to the person; it
    stops working once used or once the password changes, like the link Django mails.
    """
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return base_url.rstrip("/") + path
