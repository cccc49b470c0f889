"""Pages and fragments. Views read rows and render them; no text processing here."""

import json
from dataclasses import asdict, replace
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, LogoutView
from django.db import transaction
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from . import classes, exports, pages, security, services, vocabulary
from .forms import ArticleFilterForm, BookmarkNoteForm, SignupForm, parse_id
from .models import (
    Article,
    Bookmark,
    LearnerStamp,
    Profile,
    ReadingProgress,
    RetiredSegment,
    Segment,
)
from .preferences import FIELDS as PREFERENCE_FIELDS
from .preferences import Preferences, PreferencesForm, get_preferences, save_preferences
from .signals import PENDING_BOOKMARK_SESSION_KEY, PENDING_WORD_SESSION_KEY
from .text import gloss
from .text.vocabulary import share_known

MAX_GLOSS_WORD = 20


def page_or_region(request, template: str, region: str) -> str:
    """The whole page, or only its ``region`` partial for htmx (not when htmx restores
    history on Back, which needs the whole page)."""
    if request.htmx and not request.htmx.history_restore_request:
        return f"{template}#{region}"
    return template


def safe_next(request, fallback="/"):
    """The ``next`` URL from the request when it stays on this site, else ``fallback``."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return fallback


@require_GET
def article_list(request):
    form = ArticleFilterForm(request.GET, learner=request.user.is_authenticated)
    articles = list(form.filter(Article.objects.published().with_counts()))
    if request.user.is_authenticated:
        # "N new words for you · 96% known": the learner's known words among each one's.
        words = {a.pk: pages.article_words(pages.Version(a.pk, a.updated)) for a in articles}
        known = vocabulary.known_words(request.user, set().union(*words.values()))
        for article in articles:
            article.new_words, article.known_share = share_known(words[article.pk], known)
        if form.fewest_new:
            articles.sort(key=lambda article: article.new_words)
        places = ReadingProgress.objects.filter(user=request.user).select_related(
            "article", "segment__pair__article"
        )
        place_of = {place.article_id: place for place in places}
        for article in articles:
            article.place = place_of.get(article.pk)  # "Continue · 40% read"
    # A learner's assignments still to do (or not yet due) come first, above the whole
    # list; not above a search's.
    due = [] if form.filtering else [d for d in classes.assignments_for(request.user) if d.current]
    return render(
        request, "reader/article_list.html", {"articles": articles, "form": form, "due": due}
    )


@require_GET
@vary_on_headers("HX-Request")
def article_read(request, slug):
    """The reader; with htmx and ``?part=``, only that part of a long article's pairs."""
    try:
        part = int(request.GET.get("part", "1"))
    except ValueError:
        raise Http404("No such part.") from None
    # htmx asking for the next part (not restoring a page from history). Read from META:
    # request.htmx reads request.headers, which Django builds from every header the
    # first time, ~35 µs of a learner's ~600 µs page.
    meta = request.META
    fragment = (
        meta.get("HTTP_HX_REQUEST") == "true"
        and meta.get("HTTP_HX_HISTORY_RESTORE_REQUEST") != "true"
    )
    page = pages.article_page(request, slug, part, fragment=fragment)
    if page is None:
        raise Http404("No such article, or no such part of it.")
    return HttpResponse(page)


@require_POST
def progress_save(request, slug):
    """What reader.js sends every few seconds at most, in one small batch: the last
    sentence the learner saw (``seg``) and the sentences whose English they revealed
    in test-yourself mode since the last batch (``revealed``, ids joined by commas).

    Answers with no content: the page goes on as it is.
    """
    if not request.user.is_authenticated:
        return HttpResponse(status=401)
    version = pages.find_article(slug, request.user)
    if version is None:
        raise Http404("No such article.")
    revealed = classes.reveal_ids(request.POST.get("revealed", ""))
    if "seg" not in request.POST and not revealed:
        return HttpResponseBadRequest("Nothing to save: send seg, revealed or both.")
    segment = None
    if "seg" in request.POST:
        segment = _visible_segment(request)
        if segment is None or segment.pair.article_id != version.pk:
            return HttpResponseBadRequest("No such sentence in this article.")
    with transaction.atomic():
        if segment is not None:
            ReadingProgress.objects.record(user=request.user, segment=segment)
        classes.note_reveals(request.user, version.pk, revealed)
    return HttpResponse(status=204)


@require_GET
def word_gloss(request, word):
    """The dictionary pop-up for one word.

    ``?py=`` is the reading the page shows, ``?en=`` the English words the page
    linked the word to (the sense they meet comes first), and ``?name=`` the
    English form of a word the page knows to be a name; ``?script=`` the
    reader's script (``text.script``), whose form the entry leads with.
    """
    entry = gloss.gloss(
        word[:MAX_GLOSS_WORD],
        shown=request.GET.get("py", "")[:80],
        standard=settings.DUIZHAO_HSK_STANDARD,
        english_words=request.GET.get("en", "")[:200].split(),
        name=request.GET.get("name", "")[:80].strip(),
    )
    if entry is None:
        raise Http404("No dictionary entry for this word.")
    # Rendered without the request: the entry is the same for everyone, so it
    # may be cached anywhere, and it must not carry anyone's cookie.
    script = request.GET.get("script")
    traditional = script in (Profile.Script.TAIWAN, Profile.Script.HONG_KONG)
    context = {
        "gloss": entry,
        "traditional": traditional,
        "script": script if traditional else None,
    }
    response = HttpResponse(render_to_string("reader/partials/gloss-body.html", context))
    patch_cache_control(response, public=True, max_age=3600)
    return response


def _visible_segment(request) -> Segment | None:
    """The sentence a word was met in (``seg`` in the POST), if the learner may read it."""
    pk = parse_id(request.POST.get("seg", ""))
    if pk is None:
        return None
    visible = Article.objects.visible_to(request.user)
    return (
        Segment.objects.select_related("pair__article")
        .filter(pair__article__in=visible, pk=pk)
        .first()
    )


def _word_state(row) -> dict:
    return {
        "word": row.word,
        "status": row.status,
        "lookups": row.lookups,
        "offer": vocabulary.offer_save(row),
    }


@require_POST
def word_status(request, word):
    """Save a word to learn (``status=learning``), mark it known, or set it back to new.

    The pop-up's buttons post here and get the word's state as JSON. A
    visitor is asked to log in, and comes back with the word saved.
    """
    segment = _visible_segment(request)
    status = request.POST.get("status", "")
    if not request.user.is_authenticated:
        back = segment.get_absolute_url() if segment else safe_next(request)
        request.session[PENDING_WORD_SESSION_KEY] = {
            "word": word[: vocabulary.WordStatus.WORD_MAX_LENGTH],
            "status": status,
            "seg": segment.pk if segment else None,
        }
        messages.info(
            request, f"Log in, or make an account, to keep {word[:20]}: it will be saved."
        )
        return JsonResponse(
            {"login": f"{reverse('login')}?{urlencode({'next': back})}"}, status=401
        )
    try:
        row = vocabulary.set_status(user=request.user, word=word, status=status, segment=segment)
    except vocabulary.WordError as error:
        return JsonResponse({"error": str(error)}, status=400)
    # A word saved is a card to review: the header's "N due" follows it.
    return JsonResponse({**_word_state(row), "due": vocabulary.due_count(request.user)})


@require_POST
def word_seen(request, word):
    """Count a look-up of the word by a learner (the pop-up stayed open); its state as JSON."""
    if not request.user.is_authenticated:
        return HttpResponse(status=204)
    segment = _visible_segment(request)
    try:
        with transaction.atomic():
            row = vocabulary.look_up(user=request.user, word=word, segment=segment)
            if segment is not None:
                classes.note_lookup(request.user, segment, row.word)
    except vocabulary.WordError as error:
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse(_word_state(row))


@require_GET
def about(request):
    return render(request, "reader/about.html")


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def preferences_update(request):
    """Change reading preferences; fields left out of the POST keep their value.

    With JavaScript the header's controls post here through htmx; without
    it, a GET shows the same controls on a page of their own.
    """
    if request.method == "GET":
        return render(request, "reader/preferences.html", {"next": safe_next(request, "")})
    current = asdict(get_preferences(request))
    sent = {field: request.POST[field] for field in PREFERENCE_FIELDS if field in request.POST}
    form = PreferencesForm({**current, **sent})
    if not form.is_valid():
        errors = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in form.errors.items())
        return HttpResponseBadRequest(f"Preferences not saved: {errors}", content_type="text/plain")
    preferences = Preferences(**{field: form.cleaned_data[field] for field in PREFERENCE_FIELDS})
    save_preferences(request, preferences)
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Trigger"] = json.dumps({"preferencesChanged": asdict(preferences)})
        return response
    return HttpResponseRedirect(safe_next(request), status=303)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def bookmark_toggle(request, segment_id):
    """Bookmark a sentence, or remove the bookmark; answers with the new button.

    The reader's bookmark control is a link here: htmx posts to it, saying
    what the learner wants (``want=on`` or ``off``, from the button's state);
    without JavaScript, following it (a GET) shows the sentence with a button
    to post. A sentence a teacher has just re-aligned answers 409 with a
    message, and the bookmark lands on the new sentence with the same text.
    """
    visible = Article.objects.visible_to(request.user)
    segment = (
        Segment.objects.select_related("pair__article")
        .filter(pair__article__in=visible, pk=segment_id)
        .first()
    )
    want = {"on": True, "off": False}.get(request.POST.get("want", ""))
    if segment is None:
        retired = get_object_or_404(
            RetiredSegment.objects.filter(article__in=visible), pk=segment_id
        )
        return _sentence_changed(request, retired, want)
    in_article = segment.get_absolute_url()
    if request.method == "GET":
        bookmarked = (
            request.user.is_authenticated
            and request.user.bookmarks.filter(segment=segment).exists()
        )
        context = {"segment": segment, "bookmarked": bookmarked, "in_article": in_article}
        return render(request, "reader/bookmark_toggle.html", context)
    if not request.user.is_authenticated:
        # Remember the sentence; it is bookmarked as soon as they log in.
        request.session[PENDING_BOOKMARK_SESSION_KEY] = segment.pk
        messages.info(
            request,
            "Log in, or make an account, to keep this sentence: it will be bookmarked and "
            "you will be back at it.",
        )
        login_url = f"{reverse('login')}?{urlencode({'next': in_article})}"
        if request.htmx:
            return HttpResponseClientRedirect(login_url)
        return HttpResponseRedirect(login_url, status=303)
    try:
        bookmark = services.set_bookmark(user=request.user, segment=segment, on=want)
    except services.SegmentGone:
        retired = RetiredSegment.objects.filter(pk=segment.pk).first()
        if retired is None:
            raise Http404("This sentence is gone.") from None
        return _sentence_changed(request, retired, want)
    if request.htmx:
        context = {"seg": segment, "bookmarked": bookmark is not None}
        return render(request, "reader/article_read.html#bookmark-button", context)
    return HttpResponseRedirect(in_article, status=303)


SENTENCE_CHANGED = "This sentence was just edited; the page will reload."
SUCCESSOR_TRIES = 5


def _sentence_changed(request, retired, want):
    """A bookmark asked for on a sentence that a teacher has just replaced.

    What the learner wanted is done on the sentence that took its place (the
    one with the same text), if there is one; the answer says the page
    changed (409 for htmx, whose script reloads it) rather than failing.
    """
    successor = services.successor(retired)
    if request.user.is_authenticated and request.method == "POST":
        # The successor may itself be replaced before the bookmark is written (two
        # re-imports in a row): look again for the sentence with that text.
        for _ in range(SUCCESSOR_TRIES):
            if successor is None:
                break
            try:
                services.set_bookmark(
                    user=request.user, segment=successor, on=True if want is None else want
                )
                break
            except services.SegmentGone:
                successor = services.successor(retired)
        else:
            successor = None
    if request.htmx:
        return HttpResponse(SENTENCE_CHANGED, status=409, content_type="text/plain")
    messages.info(request, SENTENCE_CHANGED.replace("; the page will reload", ""))
    if successor is not None:
        return HttpResponseRedirect(successor.get_absolute_url(), status=303)
    article = Article.objects.get(pk=retired.article_id)
    return HttpResponseRedirect(article.get_absolute_url(), status=303)


def bookmark_list_context(request):
    bookmarks = request.user.bookmarks.select_related("article", "segment__pair__article")
    articles = Article.objects.filter(bookmarks__user=request.user).distinct().order_by("title_en")
    selected = request.GET.get("article", "")
    # An article the learner no longer has bookmarks in (the last one just
    # removed) is no filter any more: show all of them.
    if selected and not any(article.slug == selected for article in articles):
        selected = ""
    if selected:
        bookmarks = bookmarks.filter(article__slug=selected)
    groups: dict[Article, list[Bookmark]] = {}
    for bookmark in bookmarks:
        groups.setdefault(bookmark.article, []).append(bookmark)
    return {
        "groups": groups,
        "count": sum(len(group) for group in groups.values()),
        "articles": articles,
        "selected": selected,
        "query": urlencode({"article": selected}) if selected else "",
    }


@login_required
@require_GET
@vary_on_headers("HX-Request")
def bookmark_list(request):
    template = page_or_region(request, "reader/bookmark_list.html", "bookmark-list")
    return render(request, template, bookmark_list_context(request))


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def bookmark_note(request, bookmark_id):
    """Show the note's form (GET) or save it (POST); inline with htmx, a page without."""
    bookmark = get_object_or_404(request.user.bookmarks.select_related("article"), pk=bookmark_id)
    form = BookmarkNoteForm(request.POST or None, instance=bookmark)
    if request.method == "POST" and form.is_valid():
        form.save()
        if request.htmx:
            return render(request, "reader/bookmark_list.html#note", {"bookmark": bookmark})
        return HttpResponseRedirect(
            f"{reverse('reader:bookmark_list')}#bookmark-{bookmark.pk}", status=303
        )
    template = "reader/bookmark_note.html"
    if request.htmx:
        template = "reader/bookmark_list.html#note-form"
    status = 400 if form.errors and not request.htmx else 200
    return render(request, template, {"bookmark": bookmark, "form": form}, status=status)


@login_required
@require_POST
@vary_on_headers("HX-Request")
def bookmark_delete(request, bookmark_id):
    bookmark = get_object_or_404(request.user.bookmarks, pk=bookmark_id)
    bookmark.delete()
    LearnerStamp.bump(request.user.pk)
    if request.htmx:
        return render(
            request, "reader/bookmark_list.html#bookmark-list", bookmark_list_context(request)
        )
    return HttpResponseRedirect(safe_next(request, reverse("reader:bookmark_list")), status=303)


@login_required
@require_GET
def bookmark_export(request, fmt):
    context = bookmark_list_context(request)
    bookmarks = [b for group in context["groups"].values() for b in group]
    absolute = request.build_absolute_uri
    if fmt == "csv":
        response = HttpResponse(
            exports.csv_bytes(bookmarks, absolute=absolute), content_type="text/csv; charset=utf-8"
        )
        filename = "duizhao-bookmarks.csv"
    else:
        data = exports.apkg_bytes(
            bookmarks,
            deck_name=f"Duìzhào — {request.user.get_username()}",
            user_id=request.user.pk,
            absolute=absolute,
        )
        response = HttpResponse(data, content_type="application/octet-stream")
        filename = "duizhao-bookmarks.apkg"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class AccountLogin(LoginView):
    """Django's log-in, refusing an address that has tried too many different accounts."""

    def post(self, request, *args, **kwargs):
        if security.spraying(request):
            return render(request, "registration/locked_out.html", {"spraying": True}, status=429)
        return super().post(request, *args, **kwargs)


account_login = AccountLogin.as_view()


class AccountLogout(LogoutView):
    """Django's log-out, which takes a POST. The header's "Log out" is a link: the
    script posts it with the CSRF cookie's token, and without a script its page
    asks first, with a form carrying a token of its own (the header has none:
    masking a token for every reader page cost a learner's page a tenth of its time)."""

    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return HttpResponseRedirect(self.get_success_url())
        return render(request, "registration/logout_confirm.html")


account_logout = AccountLogout.as_view()


@require_http_methods(["GET", "POST"])
def account_signup(request):
    form = SignupForm(request.POST or None)
    if request.method == "POST" and security.signups_exhausted(request):
        return render(request, "registration/signup_limit.html", status=429)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        security.record_signup(request)
        # Logging in carries the visitor's reading settings over (reader.signals).
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        level = form.cleaned_data["known_level"]
        if level is not None:  # a level said: pinyin above it, its words known
            save_preferences(request, replace(get_preferences(request), level=max(level, 1)))
            if level:
                vocabulary.place(user=user, level=level, standard=settings.DUIZHAO_HSK_STANDARD)
        return HttpResponseRedirect(safe_next(request), status=303)
    return render(
        request, "registration/signup.html", {"form": form, "next": safe_next(request, "")}
    )
