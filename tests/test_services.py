"""The writes that touch several tables: import, re-align, re-annotate, bookmarks, word fixes."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from reader import services
from reader.models import Article, Bookmark, RetiredSegment, Segment, WordCorrection
from reader.text.beads import BeadError, merge_with_next, split
from reader.text.corrections import CorrectionError
from reader.text.lang import is_han
from reader.text.parse import parse_bytes, parse_sides
from tests.factory import SEED_FILE, make_article, make_learner, seed_segments

pytestmark = pytest.mark.django_db


def test_import_parsed_takes_the_files_titles_and_makes_a_free_slug():
    parsed = parse_sides(
        "去银行\n我们明天早上一起去银行。",
        "A visit to the bank\nTomorrow morning we will go to the bank.",
    )
    first = services.import_parsed(parsed=parsed).article
    second = services.import_parsed(parsed=parsed, title_zh="再去银行").article
    assert (first.slug, first.title_en, first.title_zh) == (
        "a-visit-to-the-bank",
        "A visit to the bank",
        "去银行",
    )
    assert (second.slug, second.title_zh) == ("a-visit-to-the-bank-2", "再去银行")
    assert first.published and first.hsk_level and first.zh_chars == 11


def test_import_again_keeps_a_teachers_unpublishing_and_titles():
    article = make_article(published=True)
    Article.objects.filter(pk=article.pk).update(published=False, title_en="Renamed")
    services.import_article(slug=article.slug, zh=["我们去银行。"], en=["We go to the bank."])
    article.refresh_from_db()
    assert (article.published, article.title_en) == (False, "Renamed")


def test_reimport_after_an_edit_keeps_every_bookmark_and_note(client, seed_article):
    learner = make_learner()
    segments = seed_segments(seed_article)
    for i, segment in enumerate(segments):
        bookmark = services.toggle_bookmark(user=learner, segment=segment)
        bookmark.note = f"note {i}"
        bookmark.save()
    before = {b.note: (b.zh, b.created) for b in learner.bookmarks.all()}

    parsed = parse_bytes(SEED_FILE.read_bytes())
    zh = list(parsed.zh)
    # The teacher corrects a name in one paragraph and rewrites another wholly.
    zh[2] = zh[2].replace("米莉", "米利")
    zh[10] = "这一段被老师完全改写了，和原来的句子没有任何共同之处。"
    services.import_article(slug=seed_article.slug, zh=zh, en=parsed.en, title_en=parsed.title_en)

    after = {b.note: b for b in learner.bookmarks.select_related("segment")}
    assert set(after) == set(before)
    for note, (_zh_text, created) in before.items():
        bookmark = after[note]
        assert bookmark.created == created
        if bookmark.segment is not None:
            assert bookmark.segment.pair.article_id == seed_article.pk
            assert bookmark.zh == bookmark.segment.zh
    edited = next(b for b in after.values() if "退休的米利" in b.zh)
    assert edited.segment is not None
    changed = [b for b in after.values() if b.has_changed]
    assert [b.zh for b in changed] == [s.zh for s in segments if s.pair.position == 10]
    client.force_login(learner)
    page = client.get(reverse("reader:bookmark_list"))
    assertContains(page, "This sentence has changed")


def test_realign_keeps_untouched_pairs_and_their_segments(seed_article):
    untouched = {pair.position: pair.segments.first().pk for pair in seed_article.pairs.all()}
    rebuilt = services.realign_article(article=seed_article, edit=lambda b: merge_with_next(b, 0))
    assert rebuilt == 1
    after = {pair.position: pair.segments.first().pk for pair in seed_article.pairs.all()}
    # Pairs 2… kept their rows, one position earlier; pair 0 is new.
    assert all(after[p - 1] == untouched[p] for p in range(2, len(untouched)))
    assert after[0] not in untouched.values()


def test_realign_refuses_a_stale_page_and_writes_nothing(seed_article):
    version = seed_article.updated.isoformat()
    services.realign_article(article=seed_article, edit=lambda b: merge_with_next(b, 0))
    pairs = list(seed_article.pairs.values_list("zh", "en"))
    with pytest.raises(services.StaleAlignment):
        services.realign_article(
            article=seed_article, edit=lambda b: merge_with_next(b, 0), version=version
        )
    assert list(seed_article.pairs.values_list("zh", "en")) == pairs


def test_a_failing_edit_changes_nothing(seed_article):
    pairs = list(seed_article.pairs.values_list("zh", "en"))
    with pytest.raises(BeadError):
        services.realign_article(article=seed_article, edit=lambda b: split(b, 0))
    assert list(seed_article.pairs.values_list("zh", "en")) == pairs


def test_bookmarks_move_with_their_sentence_and_never_pile_up_on_one(seed_article):
    mei, jun = make_learner("mei"), make_learner("jun")
    first = seed_segments(seed_article)[0]
    services.toggle_bookmark(user=mei, segment=first)
    services.toggle_bookmark(user=jun, segment=first)
    services.realign_article(article=seed_article, edit=lambda b: merge_with_next(b, 0))
    moved = Bookmark.objects.select_related("segment").order_by("user__username")
    assert [b.user.username for b in moved] == ["jun", "mei"]
    assert all(b.segment is not None and b.segment.zh == first.zh for b in moved)
    assert moved[0].segment_id == moved[1].segment_id != first.pk


def test_reannotate_refreshes_the_bookmarks_snapshot(seed_article):
    learner = make_learner()
    segment = seed_segments(seed_article)[0]
    bookmark = services.toggle_bookmark(user=learner, segment=segment)
    Bookmark.objects.filter(pk=bookmark.pk).update(tokens=[])
    assert services.reannotate(Segment.objects.filter(pk=segment.pk)) == 1
    bookmark.refresh_from_db()
    assert bookmark.zh_tokens == Segment.objects.get(pk=segment.pk).annotated.zh != ()


def test_a_word_fix_reannotates_the_sentences_with_the_word(seed_article):
    count = services.add_correction(
        article=seed_article, kind="pinyin", word="朝鲜", value="Cháo xiǎn"
    )
    with_word = Segment.objects.filter(pair__article=seed_article, zh__contains="朝鲜")
    assert count == with_word.count() > 1
    readings = {t.syllables for s in with_word for t in s.annotated.zh if t.text == "朝鲜"}
    assert readings == {("Cháo", "xiǎn")}


def test_a_split_takes_a_word_apart_and_its_parts_can_change(seed_article):
    def cuts() -> set[tuple[str, ...]]:
        """How the sentences with 榴弹炮 cut it: the words that spell it, in each."""
        with_word = Segment.objects.filter(pair__article=seed_article, zh__contains="榴弹炮")
        out = set()
        for segment in with_word:
            texts = [t.text for t in segment.annotated.zh]
            at = "".join(texts).index("榴弹炮")
            starts = [sum(map(len, texts[:k])) for k in range(len(texts))]
            out.add(tuple(t for t, s in zip(texts, starts, strict=True) if at <= s < at + 3))
        return out

    assert cuts() == {("榴弹炮",)}
    count = services.add_correction(
        article=seed_article, kind="split", word="榴弹炮", value="榴弹 炮"
    )
    assert count > 0 and cuts() == {("榴弹", "炮")}
    services.add_correction(article=seed_article, kind="split", word="榴弹炮", value="榴 弹炮")
    assert cuts() == {("榴", "弹炮")}
    assert WordCorrection.objects.get().value == "榴 弹炮"


def test_a_split_of_two_words_asks_for_a_join_first(seed_article):
    texts = [t.text for t in seed_segments(seed_article)[0].annotated.zh]
    phrase = next(
        a + b for a, b in zip(texts, texts[1:], strict=False) if is_han_word(a) and is_han_word(b)
    )
    with pytest.raises(CorrectionError, match="join it into one word first"):
        services.add_correction(
            article=seed_article, kind="split", word=phrase, value=f"{phrase[0]} {phrase[1:]}"
        )
    assert not WordCorrection.objects.exists()


def is_han_word(text: str) -> bool:
    return all(map(is_han, text))


@pytest.mark.parametrize(
    ("kind", "word", "value", "message"),
    [
        ("pinyin", "香蕉", "xiāng jiāo", "is not in this article"),
        ("split", "银行家", "银行 家", "is not in this article"),
        ("pinyin", "朝鲜", "Cháo", "one syllable for each"),
    ],
)
def test_a_word_fix_that_cannot_apply_says_why_and_saves_nothing(
    seed_article, kind, word, value, message
):
    with pytest.raises(CorrectionError, match=message):
        services.add_correction(article=seed_article, kind=kind, word=word, value=value)
    assert not WordCorrection.objects.exists()


def test_toggling_twice_removes_and_adding_twice_makes_one(seed_article):
    learner = make_learner()
    segment = seed_segments(seed_article)[0]
    assert services.toggle_bookmark(user=learner, segment=segment) is not None
    assert services.add_bookmark(user=learner, segment=segment) == Bookmark.objects.get()
    assert services.toggle_bookmark(user=learner, segment=segment) is None
    assert not Bookmark.objects.exists()


def test_an_english_only_bookmark_reattaches_when_an_unmatch_is_merged_back():
    from reader.text.beads import unmatch

    article = make_article(
        zh=["我们去银行。", "他在行走。"], en=["We go to the bank.", "He walks."]
    )
    services.realign_article(article=article, edit=lambda beads: unmatch(beads, 0))
    english_only = Segment.objects.get(pair__article=article, zh="", en="We go to the bank.")
    learner = make_learner()
    services.toggle_bookmark(user=learner, segment=english_only)
    services.realign_article(article=article, edit=lambda beads: merge_with_next(beads, 0))
    bookmark = learner.bookmarks.select_related("segment").get()
    assert bookmark.segment is not None and bookmark.segment.en == "We go to the bank."
    assert bookmark.segment.zh == "我们去银行。"


def test_replaced_sentences_are_remembered_for_their_successors(seed_article):
    first = seed_segments(seed_article)[0]
    services.realign_article(article=seed_article, edit=lambda b: merge_with_next(b, 0))
    retired = RetiredSegment.objects.get(pk=first.pk)
    assert (retired.article, retired.zh) == (seed_article, first.zh)
    assert services.successor(retired).zh == first.zh
