"""CC-CEDICT lookups."""

from reader.text.dictionary import Entry, gloss_words, lookup, normalize_en


def test_lookup_returns_entries_with_numbered_pinyin():
    entries = lookup("银行")
    assert entries[0] == Entry("银行", "銀行", "yin2 hang2", entries[0].definitions)
    assert "bank" in entries[0].definitions


def test_lookup_by_traditional_form():
    assert lookup("銀行") == lookup("银行")


def test_unknown_word_has_no_entries():
    assert lookup("不是一个词语吧") == []


def test_gloss_words_are_normalised_content_words():
    assert gloss_words("普京") >= {"putin"}
    assert gloss_words("周一") == {"monday"}
    assert gloss_words("武器") >= {"weapon"}


def test_gloss_words_drop_classifiers_surnames_and_stop_words():
    assert "cl" not in gloss_words("银行")
    assert "surnam" not in gloss_words("李") and "li" not in gloss_words("李")
    assert "the" not in gloss_words("的")


def test_normalize_en_strips_plural_ed_ing():
    assert {normalize_en(w) for w in ("Approach", "approaches", "approached", "approaching")} == {
        "approach"
    }
    assert normalize_en("weapons") == normalize_en("weapon")
    assert normalize_en("studies") == normalize_en("study")
