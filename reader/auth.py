"""Who a request is from: the session's user, read with SQL compiled once (``reader.prepared``).

Django's ``AuthenticationMiddleware`` loads the session's user through the
ORM on each request, which cost 310 µs of CPU on a learner's page whose
every other read takes 30. This middleware reads the same row with
prepared SQL and accepts it only on Django's own common path: the session
names ``ModelBackend``, the user may log in (``is_active``), and the
session's hash matches the password's under the current secret key.
Anything else (a stale hash, a fallback secret, an inactive or deleted
user, another backend) goes to ``django.contrib.auth.get_user``, which
decides, flushes the session or rotates it as it always does.

The reader page reads the user in the same query as the learner's own rows
(``pages.read_page``), and takes it by the same rule (``accepted``).
"""

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth import middleware as auth_middleware
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from .prepared import Prepared

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
_USER = Prepared(lambda pk: auth.get_user_model()._default_manager.filter(pk=pk).order_by()[:1])


def session_user_pk(session):
    """The primary key of the session's user, when Django's own path would read it; else None."""
    if session.get(BACKEND_SESSION_KEY) != MODEL_BACKEND or SESSION_KEY not in session:
        return None
    if MODEL_BACKEND not in settings.AUTHENTICATION_BACKENDS:
        return None
    return auth.get_user_model()._meta.pk.to_python(session[SESSION_KEY])


def accepted(session, user) -> bool:
    """Whether Django would accept ``user``, read for ``session_user_pk``, as it is."""
    if not ModelBackend().user_can_authenticate(user):
        return False
    return constant_time_compare(session.get(HASH_SESSION_KEY, ""), _auth_hash(user))


_hashes: dict = {}
_KEPT_HASHES = 4096


def _auth_hash(user) -> str:
    """``user.get_session_auth_hash()``, kept by what it is made of (the password's hash and
    the secret key): it saves an HMAC, about 9 µs, on each of a learner's requests.
    Only Django's own method is kept: a user model's own may hash other fields too."""
    if type(user).get_session_auth_hash is not AbstractBaseUser.get_session_auth_hash:
        return user.get_session_auth_hash()
    key = (type(user), user.password, settings.SECRET_KEY)
    found = _hashes.get(key)
    if found is None:
        if len(_hashes) >= _KEPT_HASHES:
            _hashes.clear()
        found = _hashes[key] = user.get_session_auth_hash()
    return found


def session_user(request):
    """The session's user when Django would accept it as it is; None for Django to decide."""
    pk = session_user_pk(request.session)
    if pk is None:
        return None
    user = _USER.first(pk=pk)
    if user is None or not accepted(request.session, user):
        return None
    return user


def user_unread(request) -> bool:
    """Whether the request has not read its user yet.

    A page that reads the user's own rows anyway (the reader page) can then
    read the account with them in one query, check it with ``accepted`` and
    ``adopt`` it.
    """
    return not hasattr(request, "_cached_user")


def adopt(request, user) -> None:
    """Take ``user``, read with other rows by one query and ``accepted``, as the request's."""
    request._cached_user = user


def _get_user(request):
    if user_unread(request):
        request._cached_user = session_user(request) or auth.get_user(request)
    return request._cached_user


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, with the user found by ``session_user`` when it can be."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _get_user(request))
