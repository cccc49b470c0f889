"""The save-time pipeline: paragraphs in, annotated pairs out (no database)."""

from reader.text import pipeline


def test_every_sentence_becomes_a_segment_and_captions_stand_alone():
    pairs = pipeline.build_pairs(
        ["我们去银行。他在行走。", "图为银行门口。（新华社记者 张三 摄）"],
        ["We go to the bank. He is walking."],
    )
    assert [(p.zh[:4], p.en[:5]) for p in pairs] == [("我们去银", "We go"), ("图为银行", "")]
    first, second = pairs[0].segments
    assert (first.zh, first.en) == ("我们去银行。", "We go to the bank.")
    assert (second.zh, second.en) == ("他在行走。", "He is walking.")
    assert pairs[1].is_unmatched
    assert all(not s.en for s in pairs[1].segments)


def test_annotation_links_words_both_ways():
    annotation = pipeline.annotate_segment("普京用榴弹炮。", "Putin uses a howitzer.").annotation
    zh = {t.text: t.links for t in annotation.zh}
    en = [t.text for t in annotation.en]
    assert [en[j] for j in zh["普京"]] == ["Putin"]
    assert [en[j] for j in zh["榴弹炮"]] == ["howitzer"]
    back = annotation.en[en.index("howitzer")].links
    assert [annotation.zh[i].text for i in back] == ["榴弹炮"]
    assert "".join(en) == "Putin uses a howitzer."


def test_citation_tones_are_a_choice():
    textbook = pipeline.annotate_segment("不是一个", "", pipeline.Options(tone_sandhi=True))
    citation = pipeline.annotate_segment("不是一个", "", pipeline.Options(tone_sandhi=False))
    assert [t.syllables for t in textbook.annotation.zh] == [("bú", "shì"), ("yí",), ("gè",)]
    assert [t.syllables for t in citation.annotation.zh] == [("bù", "shì"), ("yī",), ("gè",)]


def test_hsk_levels_follow_the_chosen_standard():
    new = pipeline.annotate_segment("银行", "", pipeline.Options(hsk_standard="2025"))
    old = pipeline.annotate_segment("银行", "", pipeline.Options(hsk_standard="2021"))
    assert new.annotation.zh[0].level == 3
    assert old.annotation.zh[0].level == 2


def test_warm_up_prepares_words_so_an_article_reads_them_from_memory(monkeypatch):
    from reader.text import dictionary, translations

    assert pipeline.warm_up(words=["银行", "榴弹炮", "不是词"]) == 3
    assert translations.translations.cache_info().currsize >= 2
    queries = []
    real = dictionary._read
    monkeypatch.setattr(dictionary, "_read", lambda words: queries.append(words) or real(words))
    assert dictionary.english_words("榴弹炮") and dictionary.is_word("银行")
    assert queries == []


def test_spaces_typed_inside_the_chinese_are_kept():
    segment = pipeline.annotate_segment("记者 陈晓报道。", "Reporter Chen Xiao reports.")
    texts = [t.text for t in segment.annotation.zh]
    assert texts[:3] == ["记者", " ", "陈晓"]
    assert "".join(texts) == "记者 陈晓报道。"
    # The space is no word: it has no reading and no link.
    space = segment.annotation.zh[1]
    assert not space.syllables and not space.links


def test_a_word_read_two_ways_takes_the_reading_of_the_sense_its_english_shows():
    def reading(zh, en, word):
        tokens = pipeline.annotate_segment(zh, en).annotation.zh
        return next(t.syllables for t in tokens if t.text == word)

    assert reading("他会得到一些东西。", "He will get some things.", "东西") == ("dōng", "xi")
    assert reading("东西两边都有山。", "There are hills east and west.", "东西") == ("dōng", "xī")
