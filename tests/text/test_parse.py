"""Seed-file decoding and parsing, and the language test it rests on."""

import json
from pathlib import Path

import pytest

from reader.text.lang import han_ratio, is_chinese
from reader.text.parse import ParsedArticle, SeedFormatError, decode, parse_bytes, parse_seed

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "parse"
SEED = ROOT / "seeds" / "milley-tin-cup.txt"
GOLD = json.loads((ROOT / "tests" / "data" / "seed-alignment.json").read_text(encoding="utf-8"))
SEED_TITLE = (
    "Top US general describes Putin with 'tin cup in hand' asking North Korea for munitions"
)
ZH_TITLE = "美国最高将领称普京“手里拿着锡杯”向朝鲜求援"


# --- language -------------------------------------------------------------


def test_han_ratio_counts_han_against_latin_letters_ignoring_digits_and_punctuation():
    assert han_ratio("银行") == 1.0
    assert han_ratio("bank") == 0.0
    assert han_ratio("ABC新闻") == 2 / 5
    assert han_ratio("2023年，") == 1.0
    assert han_ratio("2023 ... !") == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "在与Raddatz的谈话中",
        "Milley在ABC采访中说",
        "ABC新闻",
        "内森·卢纳/美国广播公司新闻",
        "2023年9月11日,参谋长联席会议主席马克·米利将军在五角大楼接受采访。",
        "Apple发布iPhone",
    ],
)
def test_is_chinese_accepts_chinese_with_latin_names(text):
    assert is_chinese(text)


@pytest.mark.parametrize(
    "text",
    [
        SEED_TITLE,
        "The word 银行 means bank.",
        "Beijing (北京) is the capital.",
        "2023",
        "***",
        "",
    ],
)
def test_is_chinese_rejects_english_and_letterless_text(text):
    assert not is_chinese(text)


# --- the seed -------------------------------------------------------------


def test_seed_parses_to_the_gold_paragraphs_and_title():
    article = parse_bytes(SEED.read_bytes())
    assert article == ParsedArticle(
        title_en=GOLD["title_en"], title_zh="", zh=GOLD["zh"], en=GOLD["en"]
    )
    assert article.title_en == SEED_TITLE


def test_seed_photo_credit_in_the_middle_stays_a_chinese_paragraph():
    article = parse_bytes(SEED.read_bytes())
    assert article.zh[7] == "内森·卢纳/美国广播公司新闻"
    assert len(article.zh) == 14


def test_seed_with_windows_line_ends_bom_and_blank_lines_parses_the_same():
    text = SEED.read_text(encoding="utf-8")
    noisy = "\ufeff" + "\r\n\r\n".join(text.splitlines()) + "\r\n\r\n"
    assert parse_bytes(noisy.encode("utf-8")) == parse_seed(text)


def test_old_mac_line_ends_are_line_ends():
    assert parse_seed("中文段落。\r\rEnglish paragraph.\r") == ParsedArticle(
        "", "", ["中文段落。"], ["English paragraph."]
    )


# --- other layouts --------------------------------------------------------


def test_english_first_with_both_titles():
    article = parse_bytes((DATA / "english-first-titled-crlf-bom.txt").read_bytes())
    assert article.title_en == SEED_TITLE
    assert article.title_zh == ZH_TITLE
    assert article.zh == GOLD["zh"]
    assert article.en == GOLD["en"]


def test_english_first_without_titles_strips_ascii_and_full_width_spaces():
    article = parse_bytes((DATA / "english-first-untitled.txt").read_bytes())
    assert (article.title_en, article.title_zh) == ("", "")
    assert article.en == GOLD["en"][:4]
    assert article.zh == GOLD["zh"][:4]


def test_both_titles_on_top():
    article = parse_bytes((DATA / "titles-on-top.txt").read_bytes())
    assert article.title_en == SEED_TITLE
    assert article.title_zh == ZH_TITLE
    assert article.en == GOLD["en"][:3]
    assert article.zh == GOLD["zh"][:3]


def test_chinese_first_with_chinese_title():
    text = "\n".join([ZH_TITLE, *GOLD["zh"][:3], SEED_TITLE, *GOLD["en"][:3]])
    article = parse_seed(text)
    assert (article.title_zh, article.title_en) == (ZH_TITLE, SEED_TITLE)
    assert article.zh == GOLD["zh"][:3]


def test_short_first_paragraph_ending_like_a_sentence_is_not_a_title():
    text = "\n".join(["He said no.", *GOLD["en"][1:3], *GOLD["zh"][:3]])
    article = parse_seed(text)
    assert article.title_en == ""
    assert article.en[0] == "He said no."


def test_first_line_as_long_as_the_paragraphs_is_not_a_title():
    first = "A line without a full stop that is as long as the rest"
    text = "\n".join([first, "Short one.", "中文。"])
    assert parse_seed(text).title_en == ""


def test_a_lone_line_per_side_is_a_paragraph_not_a_title():
    article = parse_seed("普京会见金正恩\nPutin meets Kim")
    assert article == ParsedArticle("", "", ["普京会见金正恩"], ["Putin meets Kim"])


def test_letterless_line_stays_in_its_block():
    article = parse_seed("第一段。\n* * *\n第二段。\nFirst.\nSecond.")
    assert article.zh == ["第一段。", "* * *", "第二段。"]


# --- errors ---------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\r\n  \n", "\ufeff", "\u3000\n\t"])
def test_empty_file_is_refused(text):
    with pytest.raises(SeedFormatError, match="the file is empty"):
        parse_seed(text)


def test_file_without_chinese_is_refused():
    with pytest.raises(SeedFormatError, match="no Chinese paragraphs"):
        parse_seed("\n".join(GOLD["en"]))


def test_file_without_english_is_refused():
    with pytest.raises(SeedFormatError, match="no English paragraphs"):
        parse_seed("\n".join(GOLD["zh"]))


def test_file_without_letters_is_refused():
    with pytest.raises(SeedFormatError, match="no Chinese paragraphs and no English paragraphs"):
        parse_seed("2023\n* * *\n")


def test_interleaved_paragraph_pairs_are_refused_with_line_numbers():
    with pytest.raises(SeedFormatError, match="interleaved") as error:
        parse_bytes((DATA / "interleaved.txt").read_bytes())
    assert "Chinese from line 1, English from line 2, Chinese from line 3" in str(error.value)


def test_seed_format_error_is_a_value_error():
    assert issubclass(SeedFormatError, ValueError)


# --- decoding -------------------------------------------------------------


def test_decode_strips_the_bom():
    assert decode("\ufeff银行".encode()) == "银行"
    assert decode("银行".encode()) == "银行"


def test_decode_names_gbk():
    with pytest.raises(SeedFormatError, match=r"not UTF-8 text \(byte 0x.. at position \d+\)") as e:
        decode((DATA / "gbk.txt").read_bytes())
    assert "GB18030" in str(e.value)


def test_decode_names_big5():
    with pytest.raises(SeedFormatError, match="not UTF-8") as e:
        decode((DATA / "big5.txt").read_bytes())
    assert "Big5" in str(e.value)
    assert "GB18030" not in str(e.value)


def test_decode_latin1_names_no_chinese_encoding_but_says_what_to_do():
    with pytest.raises(SeedFormatError) as e:
        decode("café".encode("latin-1"))
    assert str(e.value) == (
        "not UTF-8 text (byte 0xE9 at position 3); save it as UTF-8 "
        "(in most editors: Save as… → Encoding) and try again"
    )


def test_decode_refuses_utf16():
    with pytest.raises(SeedFormatError, match="UTF-16"):
        decode("银行".encode("utf-16"))
