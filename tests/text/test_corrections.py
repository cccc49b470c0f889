"""A teacher's fixes to words: join, split, or the right pinyin."""

import pytest

from reader.text.annotation import ZhToken
from reader.text.corrections import Correction, CorrectionError, apply_corrections


@pytest.mark.parametrize(
    ("kind", "word", "value", "message"),
    [
        ("join", "朝", "", "at least two characters"),
        ("split", "朝鲜", "朝鲜", "the parts must spell 朝鲜"),
        ("pinyin", "朝鲜", "chao", "one syllable for each of the 2 characters"),
        ("pinyin", "Kim", "kim", "Chinese characters only"),
        ("rename", "朝鲜", "", "unknown kind"),
    ],
)
def test_malformed_corrections_say_what_is_wrong(kind, word, value, message):
    with pytest.raises(CorrectionError, match=message):
        Correction(kind, word, value)


def test_fixes_apply_joins_and_splits_before_readings():
    tokens = [ZhToken("参谋", ("cān", "móu"), (1, 2)), ZhToken("长", ("zhǎng",), (3,))]
    fixes = [Correction("join", "参谋长"), Correction("pinyin", "参谋长", "cān móu zhǎng")]
    (joined,) = apply_corrections(tokens, fixes)
    assert (joined.text, joined.syllables, joined.tones) == (
        "参谋长",
        ("cān", "móu", "zhǎng"),
        (1, 2, 3),
    )
    split = apply_corrections([joined], [Correction("split", "参谋长", "参谋 长")])
    assert [(t.text, t.syllables) for t in split] == [("参谋", ("cān", "móu")), ("长", ("zhǎng",))]
