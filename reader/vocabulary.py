"""A learner's words and their review: what they know, what they learn, and when to see it again.

A word has a status (``WordStatus``): new once looked up, learning once
saved, known when the learner says so, when the placement step marks its
HSK level known, or when review has made it stable. Saved words and
bookmarked sentences are reviewed as FSRS cards (the ``fsrs`` package):
each answer, Again / Hard / Good / Easy, moves the card's next review.

A word counts as known once its card's stability passes
``KNOWN_STABILITY_DAYS``: FSRS then expects the learner to recall it with
90% probability a month on, which is what a reader needs of a word to read
past it. The learner may still mark it by hand, either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from fsrs import Card, Rating, Scheduler

from .forms import parse_id
from .models import Bookmark, LearnerStamp, Review, Segment, WordStatus
from .prepared import Prepared
from .text import levels
from .text.vocabulary import is_learnable

KNOWN_STABILITY_DAYS = 30
OFFER_SAVE_AFTER = 3  # look-ups of a new word after which the pop-up offers to save it
NEW_CARDS_PER_SESSION = 20  # cards never reviewed, at most, in one session

# Fuzzing spreads intervals at random; off, a learner's schedule is the same on every server.
SCHEDULER = Scheduler(enable_fuzzing=False)

Status = WordStatus.Status


class WordError(ValueError):
    """A word or a grade a learner cannot have: not Chinese, a name or number, too long."""


def _check(word: str, segment: Segment | None = None) -> str:
    word = (word or "").strip()
    if not is_learnable(word):
        raise WordError(f"“{word[: WordStatus.WORD_MAX_LENGTH]}” is not a Chinese word to learn")
    if segment is not None and any(t.name and t.text == word for t in segment.annotated.zh):
        raise WordError(f"“{word}” is a name here: names are read, not learned")
    return word


def _snapshot(status: WordStatus, segment: Segment | None) -> None:
    if segment is None:
        return
    status.segment = segment
    status.article_id = segment.pair.article_id
    status.context_zh = segment.zh
    status.context_en = segment.en
    status.context = segment.annotation


def _get(user, word: str, segment: Segment | None) -> WordStatus:
    """The learner's row for ``word``, made (with where it was met) when there is none, locked."""
    found = WordStatus.objects.select_for_update().filter(user=user, word=word).first()
    if found is not None:
        if found.segment_id is None and not found.context_zh:
            _snapshot(found, segment)
        return found
    status = WordStatus(user=user, word=word)
    _snapshot(status, segment)
    try:
        with transaction.atomic():
            status.save()
    except IntegrityError:  # made meanwhile by the learner's other tab
        return WordStatus.objects.select_for_update().get(user=user, word=word)
    return status


def look_up(*, user, word: str, segment: Segment | None = None) -> WordStatus:
    """Count a look-up of ``word`` (met in ``segment``); a first look-up records where."""
    word = _check(word, segment)
    with transaction.atomic():
        status = _get(user, word, segment)
        status.lookups += 1
        status.save()
    return status


def set_status(*, user, word: str, status: str, segment: Segment | None = None) -> WordStatus:
    """Save the word to learn, mark it known, or set it back to new; its review history stays."""
    word = _check(word, segment)
    if status not in Status.values:
        raise WordError(f"“{status}” is not a word status (new, learning or known)")
    with transaction.atomic():
        row = _get(user, word, segment)
        row.status = status
        row.placed = False
        row.changed = timezone.now()
        if status == Status.LEARNING and row.card is None:
            row.due = row.changed  # a new card: due at once
        row.save()
        LearnerStamp.bump(user.pk)
    return row


def offer_save(status: WordStatus | None) -> bool:
    """Whether the pop-up should offer to save a word looked up this often."""
    return bool(status and status.status == Status.NEW and status.lookups >= OFFER_SAVE_AFTER)


# Past this many words, reading all of a learner's statuses beats a long IN list.
_IN_LIST_MAX = 500


def statuses(user, words) -> dict[str, str]:
    """The learner's status of each of ``words`` that has one other than new."""
    if not user.is_authenticated:
        return {}
    words = list(words)
    rows = WordStatus.objects.filter(user=user).exclude(status=Status.NEW)
    if len(words) <= _IN_LIST_MAX:
        return dict(rows.filter(word__in=words).values_list("word", "status"))
    wanted = set(words)
    return {w: s for w, s in rows.values_list("word", "status").iterator() if w in wanted}


def known_words(user, words) -> set[str]:
    return {word for word, status in statuses(user, words).items() if status == Status.KNOWN}


# --- placement -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    marked: int  # words marked known now
    kept: int  # words of those levels the learner had already saved or marked


def place(*, user, level: int, standard: str = levels.DEFAULT_STANDARD) -> Placement:
    """Mark the words of HSK 1 to ``level`` known, leaving alone those the learner has a say on.

    Words the learner had only looked up become known too; all of them are
    marked ``placed``, which ``undo_placement`` takes back.
    """
    if not 1 <= level <= 9:
        raise WordError(f"HSK {level} is not a level (1 to 9)")
    words = [
        w
        for w in levels.graded_words(standard)
        if levels.word_level(w, standard) <= level and is_learnable(w)
    ]
    now = timezone.now()
    with transaction.atomic():
        existing = {
            row.word: row
            for row in WordStatus.objects.select_for_update().filter(user=user, word__in=words)
        }
        looked_up = [row for row in existing.values() if row.status == Status.NEW]
        for row in looked_up:
            row.status, row.placed, row.changed = Status.KNOWN, True, now
        WordStatus.objects.bulk_update(looked_up, ["status", "placed", "changed"], batch_size=500)
        WordStatus.objects.bulk_create(
            [
                WordStatus(user=user, word=w, status=Status.KNOWN, placed=True, changed=now)
                for w in words
                if w not in existing
            ],
            batch_size=500,
        )
        LearnerStamp.bump(user.pk)
    return Placement(
        marked=len(words) - len(existing) + len(looked_up), kept=len(existing) - len(looked_up)
    )


def undo_placement(*, user) -> int:
    """Take back what placement marked: words only placed go, looked-up ones are new again."""
    with transaction.atomic():
        placed = WordStatus.objects.select_for_update().filter(user=user, placed=True)
        again = placed.filter(lookups__gt=0).update(status=Status.NEW, placed=False)
        removed, _ = placed.filter(lookups=0).delete()
        LearnerStamp.bump(user.pk)
    return again + removed


@dataclass(frozen=True)
class MarkedKnown:
    marked: list[str]  # words known now that were not
    already: list[str]  # words the learner knew already


def mark_known(*, user, words) -> MarkedKnown:
    """Mark many words known at once (a list the learner imports), all or none.

    A word placement had marked is the learner's own now: undoing the
    placement leaves it known.
    """
    words = list(dict.fromkeys(_check(word) for word in words))
    now = timezone.now()
    with transaction.atomic():
        existing = {
            row.word: row
            for row in WordStatus.objects.select_for_update().filter(user=user, word__in=words)
        }
        already = [w for w in words if w in existing and existing[w].status == Status.KNOWN]
        changed = [row for row in existing.values() if row.status != Status.KNOWN or row.placed]
        for row in changed:
            if row.status != Status.KNOWN:
                row.changed = now
            row.status, row.placed = Status.KNOWN, False
        WordStatus.objects.bulk_update(changed, ["status", "placed", "changed"], batch_size=500)
        WordStatus.objects.bulk_create(
            [
                WordStatus(user=user, word=w, status=Status.KNOWN, changed=now)
                for w in words
                if w not in existing
            ],
            batch_size=500,
            ignore_conflicts=True,  # made meanwhile by the learner's other tab
        )
        LearnerStamp.bump(user.pk)
    return MarkedKnown(marked=[w for w in words if w not in already], already=already)


# --- review ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    """A card to review now: a saved word's or a bookmarked sentence's."""

    word: WordStatus | None = None
    bookmark: Bookmark | None = None

    @property
    def key(self) -> str:
        """The card's name in forms and URLs: ``w12`` or ``b7``."""
        return f"w{self.word.pk}" if self.word else f"b{self.bookmark.pk}"


def _due_words(user, now: datetime):
    return WordStatus.objects.filter(user=user, status=Status.LEARNING, due__lte=now)


def _due_bookmarks(user, now: datetime):
    return Bookmark.objects.filter(user=user).filter(Q(due__lte=now) | Q(due__isnull=True))


def _head(due, when, *order: str):
    """The first of the ``due`` cards in ``order`` (its id, ``when`` it fell due, whether it
    was seen before) and how many are due, seen and new: one query, no row when none is.

    The counts are a group of the learner's due cards; the first card comes
    from subqueries that read it through the index, as ``next_due`` used to.
    Measured on bench_review's learner (500 due words): 0.46 ms of CPU,
    against 1.2 ms for the counts as window aggregates beside the first row.
    """
    first = due.order_by(*order).annotate(
        when=when, seen=ExpressionWrapper(Q(card__isnull=False), output_field=BooleanField())
    )
    return (
        due.order_by()
        .values("user")
        .annotate(
            head=Subquery(first.values("pk")[:1]),
            head_when=Subquery(first.values("when")[:1]),
            head_seen=Subquery(first.values("seen")[:1]),
            seen_n=Count("pk", filter=Q(card__isnull=False)),
            new_n=Count("pk", filter=Q(card__isnull=True)),
        )
        .values_list("head", "head_when", "head_seen", "seen_n", "new_n")
    )


# A new sentence card is due from the moment it was bookmarked.
_WORDS_HEAD = Prepared(lambda user, now: _head(_due_words(user, now), F("due"), "due", "pk"))
_BOOKMARKS_HEAD = Prepared(
    lambda user, now: _head(
        _due_bookmarks(user, now), Coalesce("due", "created"), "due", "created", "pk"
    )
)


@dataclass(frozen=True)
class Queue:
    """What is due for review now: the next card, and the count the header shows."""

    next: Due | None
    count: int


def _heads(user, now: datetime) -> tuple[list, int]:
    """The first due word and the first due sentence (kind, pk, when, seen), and the count.

    Compiled once (``reader.prepared``): the review answers with them after
    every grade, and the header counts with them on every page.
    """
    heads, seen, new = [], 0, 0
    for kind, prepared in (("w", _WORDS_HEAD), ("b", _BOOKMARKS_HEAD)):
        row = prepared.first(user=user.pk, now=now)
        if row is not None:
            pk, when, was_seen, seen_n, new_n = row
            heads.append((kind, pk, when, was_seen))
            seen, new = seen + seen_n, new + new_n
    return heads, seen + min(new, NEW_CARDS_PER_SESSION)


def due_count(user, now: datetime | None = None) -> int:
    """Cards due now ("N due" in the header), new ones counted up to a session's share."""
    if not user.is_authenticated:
        return 0
    return _heads(user, now or timezone.now())[1]


def review_queue(user, now: datetime | None = None) -> Queue:
    """The card to review next (``next_due``) and the cards due now (``due_count``), at once."""
    now = now or timezone.now()
    heads, count = _heads(user, now)
    while heads:
        # The most overdue first, cards never seen after them.
        kind, pk, _, _ = min([head for head in heads if head[3]] or heads, key=lambda head: head[2])
        found = _card_with_source(kind, pk)
        if found is not None:
            return Queue(found, count)
        heads, count = _heads(user, now)  # removed meanwhile: look again
    return Queue(None, count)


_WITH_SOURCE = {
    "w": Prepared(
        lambda pk: WordStatus.objects.select_related("segment__pair__article").filter(pk=pk)
    ),
    "b": Prepared(
        lambda pk: Bookmark.objects.select_related("article", "segment__pair__article").filter(
            pk=pk
        )
    ),
}


def _card_with_source(kind: str, pk: int) -> Due | None:
    """The card with its sentence, pair and article, which the review shows and links."""
    row = _WITH_SOURCE[kind].first(pk=pk)
    if row is None:
        return None
    return Due(word=row) if kind == "w" else Due(bookmark=row)


def next_due(user, now: datetime | None = None) -> Due | None:
    """The card to review next: the most overdue first, cards never seen after them."""
    return review_queue(user, now).next


def _card_key(key: str) -> tuple[str, int] | None:
    """A card's name (``w12``, ``b7``) as its kind and id; None when it names no card."""
    kind, pk = key[:1], parse_id(key[1:])
    if kind not in ("w", "b") or pk is None:
        return None
    return kind, pk


def find_card(user, key: str) -> Due | None:
    """The learner's card named ``key`` (``w12``, ``b7``); None for anyone else's."""
    parsed = _card_key(key)
    if parsed is None:
        return None
    kind, pk = parsed
    if kind == "w":
        row = WordStatus.objects.filter(user=user, pk=pk).first()
        return Due(word=row) if row else None
    row = Bookmark.objects.filter(user=user, pk=pk).first()
    return Due(bookmark=row) if row else None


@dataclass(frozen=True)
class Answered(Due):
    """A card just graded; ``first`` when it was its first review (a new card)."""

    first: bool = False


def _locked(model) -> Prepared:
    """The learner's card of ``model`` by its id, locked: on PostgreSQL the row, on SQLite
    the transaction holds the write lock from its start."""
    return Prepared(
        lambda user, pk: model.objects.select_for_update().filter(user_id=user, pk=pk).order_by()
    )


_LOCKED = {"w": _locked(WordStatus), "b": _locked(Bookmark)}


def answer(
    *, user, key: str, rating: int, now: datetime | None = None, duration_ms=None
) -> Answered:
    """Grade a card 1-4 (Again, Hard, Good, Easy) and schedule its next review.

    A word whose card has become stable past ``KNOWN_STABILITY_DAYS`` is known.
    LookupError when the learner has no card ``key``.
    """
    if rating not in Review.Rating.values:
        raise WordError(f"“{rating}” is not a grade (1 Again, 2 Hard, 3 Good, 4 Easy)")
    now = now or timezone.now()
    parsed = _card_key(key)
    if parsed is None:
        raise LookupError(key)
    kind, pk = parsed
    with transaction.atomic():
        row = _LOCKED[kind].first(user=user.pk, pk=pk)
        if row is None:
            raise LookupError(key)
        first = row.card is None
        card, _ = SCHEDULER.review_card(_card(row, now), Rating(rating), review_datetime=now)
        row.card = card.to_dict()
        row.due = card.due
        fields = ["card", "due"]
        if kind == "w" and card.stability and card.stability >= KNOWN_STABILITY_DAYS:
            row.status, row.changed = Status.KNOWN, now
            fields += ["status", "changed"]
        row.save(update_fields=fields)
        LearnerStamp.bump(user.pk)
        Review.objects.create(
            user=user,
            word=row if kind == "w" else None,
            bookmark=row if kind == "b" else None,
            rating=rating,
            reviewed=now,
            duration_ms=duration_ms,
        )
    if kind == "w":
        return Answered(word=row, first=first)
    return Answered(bookmark=row, first=first)


def next_interval(row, rating: int, now: datetime | None = None) -> timedelta:
    """How long until the card is due again if answered ``rating`` now (shown on the buttons)."""
    now = now or timezone.now()
    card, _ = SCHEDULER.review_card(_card(row, now), Rating(rating), review_datetime=now)
    return card.due - now


def _card(row, now: datetime) -> Card:
    """The row's FSRS card, or a new one due now.

    A new card gets the row's id: left to make one up, ``fsrs.Card`` sleeps
    a millisecond to keep its ids apart, five of them for each new card shown.
    """
    return Card.from_dict(row.card) if row.card else Card(card_id=row.pk, due=now)
