"""Pages and fragments. Views read rows and render them; no text processing here."""

import json

from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from .models import Article
from .preferences import PINYIN_SESSION_KEY, pinyin_on


@require_GET
def article_list(request):
    articles = Article.objects.published().with_counts()
    return render(request, "reader/article_list.html", {"articles": articles})


@require_GET
def article_read(request, slug):
    article = get_object_or_404(Article.objects.published(), slug=slug)
    pairs = article.pairs.prefetch_related("segments")
    return render(request, "reader/article_read.html", {"article": article, "pairs": pairs})


@require_POST
def preferences_update(request):
    """Switch pinyin on or off for this visitor; remembered in the session."""
    request.session[PINYIN_SESSION_KEY] = request.POST.get("pinyin") == "on"
    if request.htmx:
        response = render(request, "reader/partials/pinyin-switch.html")
        response["HX-Trigger"] = json.dumps({"pinyinChanged": {"on": pinyin_on(request)}})
        patch_vary_headers(response, ["HX-Request"])
        return response
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    return HttpResponseRedirect(next_url, status=303)
