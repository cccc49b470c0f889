"""Fast article pages: HTML rendered once and put together per request.

A reader page is three things: the article's pairs, the same for every
reader (rendered once per edit of the article, a part of a long article
at a time); the page around them, which depends on who is reading and with
which preferences (rendered once per such state, with placeholders for the
request's CSRF token and CSP nonce); and the learner's own state, sent as
a small JSON document that the page's script applies (it presses the
bookmark buttons of the learner's sentences). A request fills the
placeholders and joins the bytes.

Both caches are in this process's memory, keyed by the article's
``updated`` time, which every edit moves on: the first request after an
edit renders afresh, and several app servers need no shared cache to stay
right. Their size is bounded in bytes.
"""

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.contrib.sessions.models import Session
from django.core.paginator import InvalidPage, Paginator
from django.db import DEFAULT_DB_ALIAS
from django.db.models import FilteredRelation, OuterRef, Q, Subquery
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import json_script
from django.utils.safestring import mark_safe

from . import auth, classes, vocabulary
from .models import Article, LearnerStamp, ParagraphPair, ReadingProgress, Segment, WordStatus
from .preferences import FIELDS as PREFERENCE_FIELDS
from .preferences import preferences_from
from .prepared import Prepared
from .security import ensure_csrf_cookie
from .text.annotation import Annotation
from .text.script import LANG, Script
from .text.vocabulary import distinct_words

PAIRS_CACHE_BYTES = 48 * 1024 * 1024
SHELL_CACHE_BYTES = 8 * 1024 * 1024

# Placeholders that cannot occur in rendered text: they carry random bytes.
_TOKEN = f"csrf-{secrets.token_hex(16)}"
_NONCE = f"nonce-{secrets.token_hex(16)}"
_BODY = f"<!--pairs-{secrets.token_hex(16)}-->"
# The id of the JSON document with the learner's state, which reader.js reads.
LEARNER_STATE_ID = "learner-state"
# And of the one with where they stopped, which changes as they read (never cached).
PROGRESS_ID = "reading-progress"


class ByteBoundedCache:
    """A least-recently-used dict whose values are sized in bytes; safe across threads."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = 0
        self.items: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key][0]
        return None

    def set(self, key, value, size: int):
        with self.lock:
            if key in self.items:
                self.size -= self.items.pop(key)[1]
            self.items[key] = (value, size)
            self.size += size
            while self.size > self.max_bytes and len(self.items) > 1:
                _, (_, dropped) = self.items.popitem(last=False)
                self.size -= dropped

    def clear(self):
        with self.lock:
            self.items.clear()
            self.size = 0


pairs_cache = ByteBoundedCache(PAIRS_CACHE_BYTES)
shell_cache = ByteBoundedCache(SHELL_CACHE_BYTES)


@dataclass(frozen=True)
class Part:
    """One part of an article's pairs, rendered, and how many parts the article has."""

    html: bytes
    parts: int


@dataclass(frozen=True)
class Version:
    """Which article, as of which edit: all a cached page needs to know to be right."""

    pk: int
    updated: object  # as the database returns it; only compared, never shown

    def article(self) -> Article:
        return Article.objects.get(pk=self.pk)


_ARTICLE = Prepared(
    lambda slug: (
        Article.objects.filter(slug=slug).order_by().values_list("id", "updated", "published")[:1]
    )
)


def find_article(slug: str, user) -> Version | None:
    """The article a reader may see at ``slug``, by its id and last edit; None when there is none.

    One indexed lookup compiled once (``reader.prepared``) rather than
    ``Article.objects.visible_to(user).filter(slug=slug)``: building that
    query costs more than the rest of a cached page. Measured with
    ``bench/web.py`` (2 gunicorn workers, seed page, 10 s at 16 connections,
    two rounds in one sitting): 2,041 and 2,067 requests/s with a lookup in
    plain SQL, 1,391 and 937 with the ORM's.
    """
    row = _ARTICLE.first(slug=slug)
    if row is None or not visible(row[2], user):
        return None
    return Version(pk=row[0], updated=row[1])


def visible(published: bool, user) -> bool:
    """The rule of ArticleQuerySet.visible_to: published, or any article for staff."""
    return published or user.is_staff


def article_part(version: Version, number: int, script: str = Script.SIMPLIFIED) -> Part | None:
    """The pairs of one part of the article (all of a short one); None past its last part.

    Rendered for every reader of ``script`` alike (``text.script``: the stored
    text converted one character for one, so ids and links are the same in
    every script): no button is pressed in it.
    """
    script = Script(script)
    key = (version.pk, version.updated, number, script)
    cached = pairs_cache.get(key)
    if cached is None:
        article = version.article()
        paginator = Paginator(
            article.pairs.prefetch_related("segments"), settings.DUIZHAO_PAIRS_PER_PART
        )
        try:
            page = paginator.page(number)
        except InvalidPage:
            return None
        rendered = render_to_string(
            "reader/article_read.html#pairs",
            {
                "pairs": page,
                "next_url": article.part_url(page.next_page_number()) if page.has_next() else "",
                "next_part": number + 1,
                "parts": paginator.num_pages,
                "script": script,
                "zh_lang": LANG[script],
            },
        ).encode()
        cached = Part(rendered, paginator.num_pages)
        pairs_cache.set(key, cached, len(rendered))
    return cached


words_cache = ByteBoundedCache(8 * 1024 * 1024)


def article_words(version: Version) -> tuple[str, ...]:
    """The article's words a learner learns (``text.vocabulary``), each once; kept per edit."""
    key = (version.pk, version.updated)
    cached = words_cache.get(key)
    if cached is None:
        annotations = Segment.objects.filter(pair__article_id=version.pk).values_list(
            "annotation", flat=True
        )
        cached = tuple(
            distinct_words(
                token.text
                for annotation in annotations.iterator()
                for token in Annotation.from_json(annotation).zh
                if not token.name  # names are read, never learned
            )
        )
        words_cache.set(key, cached, sum(len(w) * 4 + 60 for w in cached))
    return cached


state_cache = ByteBoundedCache(16 * 1024 * 1024)
_NO_LEARNER_STATE = json_script({"bookmarks": []}, LEARNER_STATE_ID).encode()
DUE_FRESH_SECONDS = 60  # how long a page may show an "N due" already worked out


def learner_state(user, version: Version, stamp: int) -> bytes:
    """What the page's script needs to know about this learner: the sentences they
    bookmarked, which of the article's words they know or are learning, and how many
    review cards are due (the header's "N due").

    ``assigned`` is the classes that gave the learner this article to read,
    with their due dates (a teacher's change shows within the minute).
    Every bookmark in the article, whichever part is shown, so that parts
    appended as the learner scrolls are pressed too. ``words`` is the
    number of the article's words to learn, so the page can say how many
    are new to this learner. Kept per learner and article until either
    changes (``LearnerStamp``, whose ``stamp`` the caller has read; the
    article's edit) or a minute has passed: the read of the stamp then
    answers for a learner with thousands of words.
    """
    if not user.is_authenticated:
        return _NO_LEARNER_STATE
    key = (
        user.pk,
        version.pk,
        version.updated,
        stamp,
        int(time.time() // DUE_FRESH_SECONDS),
    )
    cached = state_cache.get(key)
    if cached is None:
        bookmarks = sorted(
            user.bookmarks.filter(article_id=version.pk, segment__isnull=False).values_list(
                "segment_id", flat=True
            )
        )
        words = article_words(version)
        statuses = vocabulary.statuses(user, words)
        known = WordStatus.Status.KNOWN
        state = {
            "bookmarks": bookmarks,
            "known": sorted(w for w, s in statuses.items() if s == known),
            "learning": sorted(w for w, s in statuses.items() if s != known),
            "words": len(words),
            "due": vocabulary.due_count(user),
            "assigned": classes.assigned_here(user, version.pk),
        }
        cached = json_script(state, LEARNER_STATE_ID).encode()
        state_cache.set(key, cached, len(cached) + 200)
    return cached


@dataclass(frozen=True)
class Learner:
    """What a reader page needs to know of a learner beyond their account, read at once."""

    stamp: int  # their LearnerStamp's, 0 before their first change
    profile: tuple | None  # their profile's preferences.FIELDS; None without a profile
    progress: tuple | None  # in this article: segment id, share, finished, its Chinese, pair


_PROGRESS_COLUMNS = ["segment_id", "share", "finished", "segment__zh", "segment__pair__position"]


@lru_cache(maxsize=1)
def _user_columns() -> tuple[str, ...]:
    return tuple(field.attname for field in get_user_model()._meta.concrete_fields)


def _learner_rows(user, article=None, session_key=None, slug=None):
    """The account ``user``, their stamp, preferences and progress in ``article``. Given
    ``session_key`` and ``slug`` instead of ``article``: that session's row's data and
    expiry after them, then the article's id, last edit and whether it is published."""
    found = None if slug is None else Article.objects.filter(slug=slug).order_by()
    if found is not None:
        article = Subquery(found.values("id")[:1])
    rows = (
        get_user_model()
        ._default_manager.filter(pk=user)
        .annotate(
            stamp=Subquery(LearnerStamp.objects.filter(user_id=OuterRef("pk")).values("stamp")[:1]),
            here=FilteredRelation(
                "reading_progress", condition=Q(reading_progress__article_id=article)
            ),
        )
        .order_by()
    )
    more = []
    if found is not None:
        session = Session.objects.filter(session_key=session_key).order_by()
        rows = rows.annotate(
            session_data=Subquery(session.values("session_data")[:1]),
            session_expiry=Subquery(session.values("expire_date")[:1]),
            article_id=article,
            article_updated=Subquery(found.values("updated")[:1]),
            article_published=Subquery(found.values("published")[:1]),
        )
        more = [*_SESSION_COLUMNS, "article_id", "article_updated", "article_published"]
    return rows.values_list(
        *_user_columns(),
        "stamp",
        "profile__id",
        *(f"profile__{field}" for field in PREFERENCE_FIELDS),
        *(f"here__{column}" for column in _PROGRESS_COLUMNS),
        *more,
    )[:1]


_SESSION_COLUMNS = ["session_data", "session_expiry"]
_LEARNER = Prepared(lambda user, article: _learner_rows(user, article))
_READER = Prepared(lambda user, key, slug: _learner_rows(user, session_key=key, slug=slug))
_LEARNER_COLUMNS = 2 + len(PREFERENCE_FIELDS) + len(_PROGRESS_COLUMNS)  # after the account's


def read_page(request, slug: str) -> tuple[Version | None, Learner | None]:
    """The article a reader may see at ``slug`` (``find_article``'s) and the learner's
    rows for it (``read_learner``'s). For a learner whose session's row was read in
    this process before (so that it can guess whose it is), all in one query: the
    article, the account, the session's row and the learner's rows (``_guessed``);
    otherwise three (the article, the session's row, the account with the rows)."""
    if auth.user_unread(request):
        found = _guessed(request, slug)
        if found is not None:
            return found
    version = find_article(slug, request.user)
    return version, (None if version is None else read_learner(request, version))


def read_learner(request, version: Version) -> Learner | None:
    """The reader's stamp, preferences and progress in the article, read in one query
    compiled once (``reader.prepared``): a page costs what these rows cost, not what
    building queries does. While the request has not read its user, the same query
    reads the account too. None for a visitor."""
    if auth.user_unread(request):
        pk = auth.session_user_pk(request.session)  # reads the session's row
        row = None if pk is None else _LEARNER.first(user=pk, article=version.pk)
        learner = None if row is None else _take_account(request, pk, row)
        if learner is not None:
            return learner
    user = request.user  # Django's way
    if not user.is_authenticated:
        return None
    row = _LEARNER.first(user=user.pk, article=version.pk)
    return _learner(row[len(_user_columns()) :] if row else (None,) * _LEARNER_COLUMNS)


def _guessed(request, slug: str) -> tuple[Version | None, Learner] | None:
    """``read_page``'s answer in one query, when the session can guess whose it is
    (``SessionStore.guess``: what its row held when last read here). The session's
    row read anew in that query must hold the same data, and the account is taken
    by Django's own rule (``_take_account``). None for the usual way."""
    session = request.session
    guess = session.guess() if hasattr(session, "guess") else None
    pk = None if guess is None else auth.session_user_pk(guess[1])
    if pk is None:
        return None
    row = _READER.first(user=pk, key=session.session_key, slug=slug)
    ours = -(len(_SESSION_COLUMNS) + 3)
    if row is None or row[ours] != guess[0]:
        return None  # the session or the account changed: read afresh
    session.take_row(*row[ours:-3])
    learner = _take_account(request, pk, row[:ours])
    if learner is None:
        return None
    article, updated, published = row[-3:]
    if article is None or not visible(published, request.user):
        return None, learner
    return Version(pk=article, updated=updated), learner


def _take_account(request, pk, row: tuple) -> Learner | None:
    """The learner in ``row`` (``_learner_rows``), their account taken as the request's
    user if the session names it and Django would accept it as it is
    (``auth.accepted``); None if not."""
    if auth.session_user_pk(request.session) != pk:  # an expired session, say
        return None
    users = len(_user_columns())
    user = get_user_model().from_db(DEFAULT_DB_ALIAS, _user_columns(), row[:users])
    if not auth.accepted(request.session, user):
        return None
    auth.adopt(request, user)
    return _learner(row[users:])


def _learner(row: tuple) -> Learner:
    profile = row[2 : 2 + len(PREFERENCE_FIELDS)]
    progress = row[2 + len(PREFERENCE_FIELDS) :]
    return Learner(
        stamp=row[0] or 0,
        profile=profile if row[1] is not None else None,
        progress=progress if progress[1] is not None else None,  # share is never null
    )


def progress_state(user, slug: str, version: Version, learner: Learner | None) -> bytes:
    """Where the learner stopped in the article, and where reader.js posts the next place.

    Read on every page (with ``read_learner``): it changes every few seconds
    of reading.
    The first view writes the row, with nothing read yet: the article was opened.
    """
    if learner is None:
        return b""
    if learner.progress is None:
        # The first view counts as opened, script or not (a class's teachers see it).
        ReadingProgress.objects.get_or_create(user=user, article_id=version.pk)
    return _progress_json(slug, version.pk, learner.progress)


@lru_cache(maxsize=4096)
def _progress_json(slug: str, article_pk: int, row: tuple | None) -> bytes:
    """The document for a progress row's columns: the same columns, the same bytes.

    Kept because its two links cost more to make than the row to read; the
    row's link is made by ``ReadingProgress`` itself, from the columns read.
    """
    state: dict = {"save": reverse("reader:progress_save", kwargs={"slug": slug})}
    # A row with nothing read yet only says the article was opened: nothing to continue.
    if row is not None and (row[0] is not None or row[1]):
        segment_id, share, finished, zh, position = row
        article = Article(pk=article_pk, slug=slug)
        segment = None
        if segment_id is not None:
            pair = ParagraphPair(position=position, article=article)
            segment = Segment(pk=segment_id, zh=zh, pair=pair)
        url = ReadingProgress(article=article, segment=segment).get_absolute_url()
        state.update(segment=segment_id, share=share, finished=finished, url=url)
    return json_script(state, PROGRESS_ID).encode()


def _shell(request, version: Version, part: int, parts: int, preferences) -> tuple[bytes, bytes]:
    """The page around the pairs, with placeholders; cached per reader, preferences and part.

    The page names its own address (for "log in and come back") as the
    article's part URL, never the request's query string: arbitrary query
    strings would otherwise each make an entry and push out everyone's.
    """
    user = request.user  # the header names them
    key = (version.pk, version.updated, user.pk, user.get_username(), preferences, part)
    # Messages are shown once: a page that carries some is never kept.
    cacheable = not get_messages(request)
    cached = shell_cache.get(key) if cacheable else None
    if cached is None:
        page = render_to_string(
            "reader/article_read.html",
            {
                "article": (article := version.article()),
                "part": part,
                "parts": parts,
                "previous_url": article.part_url(part - 1) if part > 1 else "",
                "here": article.part_url(part),
                "pairs_html": mark_safe(_BODY),
                "csrf_token": _TOKEN,
                "csp_nonce": _NONCE,
                "prefs": preferences,
                "zh_lang": LANG[Script(preferences.script)],
                "due_in_state": True,  # the header's "N due" comes with the learner's state
            },
            request,
        ).encode()
        head, _, tail = page.partition(_BODY.encode())
        cached = (head, tail)
        if cacheable:
            shell_cache.set(key, cached, len(page))
    return cached


def article_page(request, slug: str, part: int = 1, *, fragment: bool = False) -> bytes | None:
    """The reader page, or with ``fragment`` only the part's pairs (for htmx to append).

    None when there is no such article to read, or no such part of it.
    """
    version, learner = read_page(request, slug)
    if version is None:
        return None
    preferences = preferences_from(request, learner.profile if learner else None)
    rendered = article_part(version, part, preferences.script)
    if rendered is None:
        return None
    if fragment:
        return rendered.html
    body = (
        rendered.html
        + learner_state(request.user, version, learner.stamp if learner else 0)
        + progress_state(request.user, slug, version, learner)
    )
    head, tail = _shell(request, version, part, rendered.parts, preferences)
    # The page's script posts with the CSRF cookie's token, which a returning
    # reader already has: no token is masked for the page (the header's "Log out"
    # is a link, see views.AccountLogout). A shell given a form with a token
    # would get the request's own here.
    if _TOKEN.encode() in head:
        token = get_token(request).encode()
        head, tail = head.replace(_TOKEN.encode(), token), tail.replace(_TOKEN.encode(), token)
    else:
        ensure_csrf_cookie(request)
    nonce = str(request.csp_nonce).encode()
    head, tail = head.replace(_NONCE.encode(), nonce), tail.replace(_NONCE.encode(), nonce)
    return b"".join([head, body, tail])
