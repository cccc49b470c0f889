"""The page's CSP nonce, for templates: django-htmx's ``{% htmx_script %}`` reads ``csp_nonce``."""


def csp_nonce(request):
    """Template context processor; the nonce is made (and sent in the header) only when used."""
    return {"csp_nonce": getattr(request, "csp_nonce", "")}
