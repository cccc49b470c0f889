"""Names: which token runs read as a transliterated name, and how names sound across scripts."""

import pytest

from reader.text.align_features import en_unit, zh_unit
from reader.text.names import name_runs, name_skeleton_en, name_skeleton_pinyin


def _shared(zh: str, en: str) -> set[str]:
    return set(zh_unit(zh).keys & en_unit(en).keys)


@pytest.mark.parametrize(
    ("zh", "en"),
    [("普京", "Putin"), ("米利", "Milley"), ("拉达茨", "Raddatz")],
)
def test_names_anchor_across_scripts(zh, en):
    assert _shared(f"{zh}说，我们走吧。", f"Later {en} said that we should go.")


@pytest.mark.parametrize(("zh", "en"), [("拉达茨", "Raddatz"), ("米利", "Milley")])
def test_transliteration_skeletons_meet(zh, en):
    assert name_skeleton_pinyin(zh) == name_skeleton_en(en)


def test_chinese_names_meet_their_pinyin():
    assert _shared("沙瑞山看着汪淼。", "Then Sha Ruishan looked at Wang Miao.")


def test_latin_words_inside_chinese_match():
    assert {"abc", "raddatz"} <= _shared("ABC新闻的Raddatz说", "Then Raddatz of ABC News said")


def test_a_name_cut_by_the_segmenter_is_one_run():
    assert name_runs(["马克", "·", "米", "利", "将军"]) == [(0, 1), (2, 4)]
    assert name_runs(["拉德", "达茨", "说"]) == [(0, 2)]


def test_common_words_of_transliteration_characters_are_no_names():
    assert name_runs(["安宁", "的", "生活"]) == []
    assert name_runs(["努", "力"]) == []  # 努力 "to try hard", however it is cut
