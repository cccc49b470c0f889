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


def tokens_of(*words: tuple[str, str]) -> list[ZhToken]:
    return [ZhToken(text, tuple(py.split()), ()) for text, py in words]


def test_a_join_cuts_the_segmenters_words_where_they_run_past_it():
    # 他一早就走了 cut 他|一|早就|走|了: joining 一早 leaves 就 a word of its own.
    tokens = tokens_of(("他", "tā"), ("一", "yì"), ("早就", "zǎo jiù"), ("走", "zǒu"), ("了", "le"))
    joined = apply_corrections(tokens, [Correction("join", "一早")])
    assert [(t.text, t.syllables) for t in joined] == [
        ("他", ("tā",)),
        ("一早", ("yì", "zǎo")),
        ("就", ("jiù",)),
        ("走", ("zǒu",)),
        ("了", ("le",)),
    ]
    # Cut at both ends: 天安门 out of 去天|安门口.
    tokens = tokens_of(("去天", "qù tiān"), ("安门口", "ān mén kǒu"))
    joined = apply_corrections(tokens, [Correction("join", "天安门")])
    assert [t.text for t in joined] == ["去", "天安门", "口"]


def test_a_join_leaves_words_it_cannot_cut_alone():
    # B超 mixes scripts (one syllable for two characters): it cannot be cut at 超.
    tokens = [ZhToken("B超", ("chāo",), (1,)), ZhToken("声", ("shēng",), (1,))]
    assert [t.text for t in apply_corrections(tokens, [Correction("join", "超声")])] == [
        "B超",
        "声",
    ]


def test_a_fix_for_one_sentence_leaves_the_others_alone():
    fix = Correction("pinyin", "朝鲜", "Cháo xiǎn", sentence="他去过朝鲜。")
    tokens = tokens_of(("朝鲜", "cháo xiān"))
    assert apply_corrections(tokens, [fix], sentence="他去过朝鲜。")[0].syllables == (
        "Cháo",
        "xiǎn",
    )
    assert apply_corrections(tokens, [fix], sentence="朝鲜很远。")[0].syllables == ("cháo", "xiān")
    with pytest.raises(CorrectionError, match="does not contain 朝鲜"):
        Correction("pinyin", "朝鲜", "Cháo xiǎn", sentence="他去过韩国。")
