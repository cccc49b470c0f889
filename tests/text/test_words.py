"""Words (the segmenter): golden cuts, whole Latin words and numbers, nothing lost."""

import threading
from pathlib import Path

import jieba
import pytest

from reader.text import words as segmenter
from reader.text.words import split_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我们去银行。", "我们/去/银行/。"),
        ("他还是去还书了", "他/还是/去/还/书/了"),
        ("在与Raddatz的谈话中，Milley描述了", "在/与/Raddatz/的/谈话/中/，/Milley/描述/了"),
        ("2023年9月11日", "2023/年/9/月/11/日"),
        ("增长了3.5%的GDP", "增长/了/3.5/%/的/GDP"),
        ("Kim Jong Un 金正恩", "Kim/Jong/Un/金正恩"),
        ("U.S.官员说", "U.S./官员/说"),
        ("弗拉基米尔·普京", "弗拉基米尔/·/普京"),
        ("他说：“好。”", "他/说/：/“/好/。/”"),
        ("1,000人在10:30到达", "1,000/人/在/10:30/到达"),
        ("A-10战机", "A-10/战机"),
        ("卡拉OK", "卡拉/OK"),
        ("ABC新闻", "ABC/新闻"),
    ],
)
def test_words_golden(text, expected):
    assert "/".join(split_words(text)) == expected


@pytest.mark.parametrize("text", ["", "   ", "\n\u3000\t"])
def test_blank_text_has_no_words(text):
    assert split_words(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "我们 去 银行",
        '俄罗斯总统弗拉基米尔·普京已经接近朝鲜"手里拿着一个锡杯"在他的国家入侵乌克兰的时候。',
        "Putin's war, 3.5 percent, U.S. officials!",
        "２０２３年，ＡＢＣ新闻\u3000报道",
    ],
)
def test_tokens_join_back_to_the_text_minus_whitespace(text):
    tokens = split_words(text)
    assert "".join(tokens) == "".join(text.split())
    assert all(token.strip() == token and token for token in tokens)


def test_tokenizer_loads_once_across_threads_and_silently(monkeypatch, capfd):
    built = []

    class CountingTokenizer(jieba.Tokenizer):
        def __init__(self, *args, **kwargs):
            built.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(segmenter, "_tokenizer", None)
    monkeypatch.setattr(jieba, "Tokenizer", CountingTokenizer)
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(split_words("我们去银行"))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(built) == 1
    assert results == [["我们", "去", "银行"]] * 8
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # jieba's made-up words, re-cut into words a learner can look up
        ("这条河很长。", "这/条/河/很/长/。"),
        ("请系好安全带", "请/系/好/安全带"),
        ("离职采访", "离职/采访"),
        ("参谋长联席会议主席", "参谋长/联席会议/主席"),
        ("我们去看了一场电影", "我们/去/看/了/一/场/电影"),
        # names stay whole; a transliterated name keeps its parts whole
        ("马克·米利将军说", "马克/·/米利/将军/说"),
        ("王小明去了北京", "王小明/去/了/北京"),
    ],
)
def test_words_a_reader_can_look_up(text, expected):
    assert "/".join(split_words(text)) == expected


def test_seed_words_have_a_dictionary_entry():
    from reader.text.dictionary import is_proper_name, is_word
    from reader.text.lexicon import HAN_RE
    from reader.text.parse import parse_seed

    root = Path(__file__).resolve().parents[2]
    article = parse_seed((root / "seeds" / "milley-tin-cup.txt").read_text(encoding="utf-8"))
    counted = found = 0
    for paragraph in article.zh:
        for token in split_words(paragraph):
            if not all(HAN_RE.fullmatch(char) for char in token) or set(token) <= NUMERALS:
                continue
            if is_proper_name(token) or (not is_word(token) and segmenter.is_name_like(token)):
                continue
            counted += 1
            found += is_word(token)
    assert counted > 200
    assert found / counted >= 0.98


NUMERALS = set("〇零一二两三四五六七八九十百千万亿第半几")


def test_traditional_text_is_cut_as_its_simplified_form_and_kept_as_written():
    # jieba's dictionary is simplified: 臺灣 was cut into 臺 and 灣.
    assert "/".join(split_words("臺灣的國家很大。")) == "臺灣/的/國家/很/大/。"
