import pytest
from django.db import IntegrityError

from reader.models import Article, ParagraphPair, Segment

pytestmark = pytest.mark.django_db


def test_pairs_and_segments_keep_reading_order(seed_article):
    positions = list(seed_article.pairs.values_list("position", flat=True))
    assert positions == list(range(14))
    first = seed_article.pairs.first()
    assert first.zh.startswith("俄罗斯总统")
    assert first.en.startswith("Russian President")


def test_position_is_unique_per_article(seed_article):
    with pytest.raises(IntegrityError):
        ParagraphPair.objects.create(article=seed_article, position=0, zh="重复", en="")


def test_segment_position_is_unique_per_pair(seed_article):
    pair = seed_article.pairs.first()
    with pytest.raises(IntegrityError):
        Segment.objects.create(pair=pair, position=0, zh="重复", en="")


def test_str_touches_no_relation(seed_article, django_assert_num_queries):
    pair = ParagraphPair.objects.order_by("position").first()
    segment = Segment.objects.order_by("pair__position", "position").first()
    with django_assert_num_queries(0):
        assert str(seed_article).startswith("Top US general")
        assert str(pair) == "Pair 0"
        assert str(segment) == "Segment 0"


def test_article_without_titles_is_named_by_slug():
    assert str(Article(slug="untitled")) == "untitled"


def test_segments_carry_pinyin_annotation(seed_article):
    segment = (
        Segment.objects.filter(pair__article=seed_article).order_by("pair__position", "position")
    ).first()
    words = {token.text: token.syllables for token in segment.annotated.zh}
    assert words["俄罗斯"] == ("é", "luó", "sī")
    assert words["。"] == ()
