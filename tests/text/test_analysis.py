"""Work done once: each Chinese paragraph is segmented once for the whole save-time pipeline."""

import jieba
import pytest

from reader.text import pipeline, sentences
from reader.text.analysis import Analysis
from reader.text.words import split_words

ZH = [
    "俄罗斯总统普京已经接近朝鲜。米利在一次采访中说了这些话。",
    "图：新闻照片",
    "普京将在未来几天会见金正恩。他们将讨论“双边关系”。周一，朝鲜证实了这一消息。",
]
EN = [
    "Russian President Putin has approached North Korea, Milley said in an interview.",
    "Putin will meet Kim Jong Un in the coming days to discuss bilateral relations.",
    "On Monday, North Korea confirmed the news.",
]


@pytest.fixture
def jieba_calls(monkeypatch):
    """How many texts reach jieba (the real one: the count is taken on the way through)."""
    calls: list[str] = []
    cut = jieba.Tokenizer.cut

    def counting(self, sentence, *args, **kwargs):
        calls.append(sentence)
        return cut(self, sentence, *args, **kwargs)

    split_words("预热")  # jieba's dictionary loads before counting starts
    monkeypatch.setattr(jieba.Tokenizer, "cut", counting)
    return calls


@pytest.fixture
def zh_splits(monkeypatch):
    calls: list[str] = []
    split_zh = sentences.split_zh

    def counting(text):
        calls.append(text)
        return split_zh(text)

    monkeypatch.setattr(sentences, "split_zh", counting)
    return calls


def test_an_import_segments_each_chinese_paragraph_once(jieba_calls, zh_splits):
    pairs = pipeline.build_pairs(ZH, EN)
    assert sorted(jieba_calls) == sorted(ZH)
    assert sorted(zh_splits) == sorted(ZH)
    assert sum(len(pair.segments) for pair in pairs) > len(pairs)  # sentences were aligned too


def test_a_sentence_gets_its_paragraphs_words():
    analysis = Analysis()
    parts = analysis.sentences(ZH[2], "zh")
    assert analysis.segmented == 1
    assert [analysis.words(part) for part in parts] == [split_words(part) for part in parts]
    assert analysis.segmented == 1


def test_a_word_across_a_sentence_end_gets_the_sentences_cut_alone():
    # An ASCII full stop ends the Chinese sentence, but jieba reads "了.然" as one block.
    paragraph = "他走了.然后她来了。"
    analysis = Analysis()
    parts = analysis.sentences(paragraph, "zh")
    assert parts == ["他走了.", "然后她来了。"]
    assert [analysis.words(part) for part in parts] == [split_words(part) for part in parts]
