"""Security plumbing: the CSRF cookie and CSP nonce for pages, and the CSP header built once.

django-csp builds the policy string afresh on every response, though ours
only ever differs by its nonce; on a cached reader page that rebuild was a
sixth of the request. ``CSPMiddleware`` builds it once per process, with a
marker where the nonce goes, and falls back to django-csp's own path for a
response that carries a per-view policy (its decorators).
"""

import secrets
from functools import cache

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.middleware.csrf import get_token

_NONCE_MARK = f"nonce-mark-{secrets.token_hex(8)}"
_PER_VIEW = (
    "_csp_exempt",
    "_csp_exempt_ro",
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)


@cache
def _policy(with_nonce: bool) -> str:
    return build_policy(nonce=_NONCE_MARK if with_nonce else None)


class CSPMiddleware(BaseCSPMiddleware):
    def process_response(self, request, response):
        if (
            any(hasattr(response, name) for name in _PER_VIEW)
            or HEADER in response
            or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        ):
            return super().process_response(request, response)
        nonce = getattr(request, "_csp_nonce", None)
        response[HEADER] = _policy(nonce is not None).replace(_NONCE_MARK, nonce or "")
        if nonce is None:
            # As django-csp does: a nonce asked for after the header is written is an error.
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


def ensure_csrf_cookie(request) -> None:
    """Make sure the visitor has Django's CSRF cookie, which our script sends back as a header.

    A returning visitor has it already, and then nothing is done: no new
    token to mask, no cookie to set again.
    """
    if not request.META.get("CSRF_COOKIE"):
        get_token(request)


def page_security(request):
    """Template context processor: the CSP nonce (made, and sent in the header, only when
    used) for script tags, and the CSRF cookie our htmx requests read their token from."""
    ensure_csrf_cookie(request)
    return {"csp_nonce": getattr(request, "csp_nonce", "")}
