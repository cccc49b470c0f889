"""System checks for a deployment: what ``manage.py check --deploy`` must refuse.

Django only warns about a weak secret key; a key still set to the
placeholder of ``config/production.env`` (or any short one) signs every
session and password-reset link with something anyone can read, so here it
is an error that fails ``check --deploy``.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register

MIN_SECRET_KEY_LENGTH = 50
# What the placeholders say (config/production.env) and the development default.
PLACEHOLDER_MARKS = ("change-me", "django-insecure-")


@register(Tags.security, deploy=True)
def secret_key_is_real(app_configs=None, **kwargs):
    key = settings.SECRET_KEY or ""
    if any(mark in key for mark in PLACEHOLDER_MARKS):
        return [
            Error(
                "DJANGO_SECRET_KEY is still a placeholder.",
                hint="Make one with: python -c 'import secrets; print(secrets.token_urlsafe(64))'",
                id="duizhao.E001",
            )
        ]
    if len(key) < MIN_SECRET_KEY_LENGTH:
        problem = f"has {len(key)} characters; it needs at least {MIN_SECRET_KEY_LENGTH}"
    elif len(set(key)) < 5:
        problem = f"is not random: it uses only {len(set(key))} different characters"
    else:
        return []
    return [
        Error(
            f"DJANGO_SECRET_KEY {problem}.",
            hint="Make one with: python -c 'import secrets; print(secrets.token_urlsafe(64))'",
            id="duizhao.E002",
        )
    ]
