"""The review session: one due card at a time, graded Again / Hard / Good / Easy.

A word's card is the sentence where the learner met it with the word
blanked, and the English of that sentence with the words it became lit:
the learner recalls the Chinese word from its sense in context. Revealing
shows the word, its pinyin and meaning, and the whole pair with pinyin. A
bookmarked sentence's card is the Chinese sentence; revealing shows its
pinyin, its English and the learner's note.

A session is what the learner answers between two summaries: it starts
with the first card shown after a summary (or after a pause of
``SESSION_GAP``), and ends when nothing more is due, or when it has taken
in ``vocabulary.NEW_CARDS_PER_SESSION`` cards never seen before. It is kept
in the learner's Django session: when it started and how many new cards it
has had. The summary counts the answers since it started, from ``Review``.

Without JavaScript the card is a page: "Show the answer" is a link that
shows it revealed, and each grade a button in a plain form (303 back
here). With htmx a grade answers with the next card in place, and
``review.js`` adds the keys (Space, 1-4) and reveals without a request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Min
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from . import vocabulary
from .models import Review, WordStatus
from .templatetags.reader_tags import ruby
from .text import gloss
from .text.annotation import Annotation
from .text.orthography import word_pinyin
from .views import page_or_region

SESSION_KEY = "review_session"
SESSION_GAP = timedelta(minutes=30)  # a pause this long, and the next card starts a new session
MAX_DURATION_MS = 10 * 60 * 1000  # longer than this on one card: the learner was elsewhere
MEANINGS = 3  # first definitions shown on a word's card

GRADES = [(rating.value, rating.label) for rating in Review.Rating]
BAD_GRADE = "A grade is 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy); nothing was saved."


def interval_label(delta: timedelta) -> str:
    """A next interval as a grade button says it: "1 min", "10 min", "5 h", "3 days", "2 mo".

    >>> interval_label(timedelta(minutes=10)), interval_label(timedelta(days=1))
    ('10 min', '1 day')
    """
    minutes = delta.total_seconds() / 60
    if minutes < 60:
        return f"{max(1, round(minutes))} min"
    if minutes < 24 * 60:
        return f"{round(minutes / 60)} h"
    days = round(minutes / (24 * 60))
    if days < 31:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 365:
        return f"{round(days / 30.4)} mo"
    return f"{days / 365:.1f} years".replace(".0 ", " ")


@dataclass
class Grade:
    rating: int
    label: str
    interval: str


@dataclass
class CardView:
    """What the card template shows, prepared from a ``vocabulary.Due``."""

    key: str
    kind: str  # "word" or "sentence"
    prompt_zh: SafeString  # the front: the sentence, the word blanked (a word's card)
    answer_zh: SafeString  # the back: the sentence with pinyin, the word marked
    en: SafeString  # the English, with the hint lit on a word's card
    grades: list[Grade]
    word: str = ""
    pinyin: str = ""
    meanings: list[str] = field(default_factory=list)
    note: str = ""
    source: str = ""  # where the sentence is in the reader, when it still is
    new: bool = False  # never reviewed before


def _english(annotation: Annotation, plain: str, lit: set[int]) -> SafeString:
    """The English sentence with the tokens ``lit`` (the hint) marked."""
    if not annotation.en:
        return escape(plain)
    return mark_safe(
        "".join(
            format_html('<mark class="review-hint">{}</mark>', token.text)
            if j in lit
            else escape(token.text)
            for j, token in enumerate(annotation.en)
        )
    )


def _word_card(row: WordStatus, grades: list[Grade]) -> CardView:
    tokens = row.annotated.zh
    at = next((i for i, token in enumerate(tokens) if token.text == row.word), None)
    english_words: list[str] = []
    if at is None:
        # Met nowhere we kept (placed, or saved from a list): the word is its own prompt.
        prompt = answer = format_html('<span class="review-target">{}</span>', row.word)
        en, shown = escape(row.context_en), ""
    else:
        target = tokens[at]
        lit = set(target.links)
        english_words = [row.annotated.en[j].text for j in sorted(lit) if j < len(row.annotated.en)]
        before = "".join(t.text for t in tokens[:at])
        after = "".join(t.text for t in tokens[at + 1 :])
        blank = format_html(
            '<span class="review-blank" aria-label="a word of {} characters">{}</span>',
            len(row.word),
            "\u3000" * len(row.word),
        )
        prompt = format_html("{}{}{}", before, blank, after)
        answer = format_html(
            '{}<mark class="review-target">{}</mark>{}',
            ruby(tokens[:at]),
            ruby(tokens[at : at + 1]),
            ruby(tokens[at + 1 :]),
        )
        en = _english(row.annotated, row.context_en, lit)
        shown = target.reading
    entry = gloss.gloss(
        row.word,
        shown=shown,
        standard=settings.DUIZHAO_HSK_STANDARD,
        english_words=english_words,
    )
    reading = entry.readings[0] if entry and entry.readings else None
    if at is not None and tokens[at].syllables:
        pinyin = word_pinyin(tokens[at].syllables)
    else:
        pinyin = (entry.written or (reading.pinyin if reading else "")) if entry else ""
    meanings = reading.definitions[:MEANINGS] if reading else []
    if not meanings and entry:
        meanings = [
            f"{c.char}: {c.readings[0].definitions[0]}"
            for c in entry.characters
            if c.readings[0].definitions
        ]
    return CardView(
        key=f"w{row.pk}",
        kind="word",
        prompt_zh=prompt,
        answer_zh=answer,
        en=en,
        grades=grades,
        word=row.word,
        pinyin=pinyin,
        meanings=meanings,
        source=row.get_absolute_url() if row.segment_id else "",
        new=row.card is None,
    )


def _sentence_card(bookmark, grades: list[Grade]) -> CardView:
    tokens = bookmark.zh_tokens
    answer = ruby(tokens) if tokens else escape(bookmark.zh)
    return CardView(
        key=f"b{bookmark.pk}",
        kind="sentence",
        prompt_zh=escape(bookmark.zh),
        answer_zh=answer,
        en=escape(bookmark.en),
        grades=grades,
        note=bookmark.note,
        source=bookmark.get_absolute_url() if bookmark.segment_id else "",
        new=bookmark.card is None,
    )


def card_view(due: vocabulary.Due, now: datetime) -> CardView:
    row = due.word or due.bookmark
    grades = [
        Grade(rating, label, interval_label(vocabulary.next_interval(row, rating, now)))
        for rating, label in GRADES
    ]
    return _word_card(row, grades) if due.word else _sentence_card(row, grades)


# --- the session ---------------------------------------------------------------------------


def _session(request, now: datetime) -> dict | None:
    """The running session, or None when there is none (or it was left too long ago)."""
    data = request.session.get(SESSION_KEY)
    if not data:
        return None
    last = parse_datetime(data.get("last", ""))
    if last is None or now - last > SESSION_GAP:
        return None
    return data


def _start(request, now: datetime) -> dict:
    data = {"since": now.isoformat(), "last": now.isoformat(), "new": 0}
    request.session[SESSION_KEY] = data
    return data


def _next_review(user, now: datetime) -> datetime | None:
    """When the learner's next card falls due, after ``now``."""
    words = WordStatus.objects.filter(
        user=user, status=WordStatus.Status.LEARNING, due__gt=now
    ).aggregate(at=Min("due"))["at"]
    sentences = user.bookmarks.filter(due__gt=now).aggregate(at=Min("due"))["at"]
    return min((at for at in (words, sentences) if at), default=None)


def summary(user, data: dict | None, now: datetime, *, due_later: int) -> dict:
    """The end of a session: its answers by grade, the words it made known, what is next.

    ``due_later``: the cards due now (``vocabulary.due_count``), new ones kept
    for the next session.
    """
    context: dict = {"answered": 0, "by_grade": [], "known": [], "next_at": None}
    if data:
        since = parse_datetime(data["since"])
        counts = dict(
            Review.objects.filter(user=user, reviewed__gte=since)
            .values_list("rating")
            .annotate(n=Count("pk"))
        )
        context["answered"] = sum(counts.values())
        context["by_grade"] = [(label, counts.get(rating, 0)) for rating, label in GRADES]
        context["known"] = list(
            WordStatus.objects.filter(
                user=user,
                status=WordStatus.Status.KNOWN,
                changed__gte=since,
                reviews__reviewed__gte=since,
            )
            .distinct()
            .order_by("word")
            .values_list("word", flat=True)
        )
    context["next_at"] = _next_review(user, now)
    context["due_later"] = due_later
    return context


def review_context(request, now: datetime, *, reveal: str = "") -> dict:
    """The next card to show, or the session's summary when there is none."""
    user = request.user
    data = _session(request, now)
    queue = vocabulary.review_queue(user, now)
    due = queue.next
    new_allowed = data is None or data["new"] < vocabulary.NEW_CARDS_PER_SESSION
    if due is not None and ((due.word or due.bookmark).card is not None or new_allowed):
        if data is None:
            _start(request, now)
        card = card_view(due, now)
        return {
            "card": card,
            "revealed": reveal == card.key,
            "shown_at": now.isoformat(),
            "due_count": queue.count,
        }
    # Nothing more to review now: the session, if any, ends with its summary.
    request.session.pop(SESSION_KEY, None)
    context = summary(user, data, now, due_later=queue.count)
    context["due_count"] = context["due_later"]
    return context


@login_required
@require_GET
@vary_on_headers("HX-Request")
def review(request):
    """The next due card (``?show=<key>`` shows its answer, for browsers without script)."""
    context = review_context(request, timezone.now(), reveal=request.GET.get("show", ""))
    return render(request, page_or_region(request, "reader/review.html", "review-card"), context)


def _duration_ms(shown_at: str, now: datetime) -> int | None:
    shown = parse_datetime(shown_at or "")
    if shown is None or shown.tzinfo is None:
        return None
    elapsed = (now - shown).total_seconds() * 1000
    return round(elapsed) if 0 <= elapsed <= MAX_DURATION_MS else None


@login_required
@require_POST
@vary_on_headers("HX-Request")
def review_answer(request, key):
    """Grade the card ``key``; htmx gets the next card in place, a plain form a 303 back."""
    try:
        rating = int(request.POST.get("rating", ""))
    except ValueError:
        rating = 0
    if rating not in Review.Rating.values:
        if vocabulary.find_card(request.user, key) is None:
            raise Http404("No such card.")
        return HttpResponseBadRequest(BAD_GRADE, content_type="text/plain; charset=utf-8")
    now = timezone.now()
    try:
        answered = vocabulary.answer(
            user=request.user,
            key=key,
            rating=rating,
            now=now,
            duration_ms=_duration_ms(request.POST.get("shown_at", ""), now),
        )
    except LookupError:
        raise Http404("No such card.") from None
    data = _session(request, now) or _start(request, now)
    data["last"] = now.isoformat()
    data["new"] += answered.first
    request.session[SESSION_KEY] = data
    if request.htmx:
        return render(request, "reader/review.html#review-card", review_context(request, now))
    return HttpResponseRedirect(reverse("reader:review"), status=303)
