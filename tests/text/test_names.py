"""Names: which token runs read as a transliterated name, and how names sound across scripts."""

import pytest

from reader.text import english
from reader.text.align_features import en_unit, zh_unit
from reader.text.annotation import ZhToken
from reader.text.names import find_names, name_runs, name_skeleton_en, name_skeleton_pinyin
from reader.text.pinyin import annotate_words
from reader.text.pipeline import annotate_segment


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


def _words(zh: str, en: str = "") -> list[str]:
    """The pipeline's Chinese tokens, a name marked with a star."""
    tokens = annotate_segment(zh, en).annotation.zh
    return [token.text + ("*" if token.name else "") for token in tokens]


@pytest.mark.parametrize(
    ("zh", "en", "words"),
    [
        (  # cut 米/利 by the segmenter, joined; never graded
            "米利表示不会再就此事发表评论。",
            "Milley said he would make no further comment on the matter.",
            "米利*/表示/不会/再/就/此事/发表/评论/。",
        ),
        (  # cut 拉德/达茨; the dotted first name stays its own word
            "记者玛莎·拉德达茨周日采访了他。",
            "Correspondent Martha Raddatz interviewed him on Sunday.",
            "记者/玛莎*/·/拉德达茨*/周日/采访/了/他/。",
        ),
        (  # 拉达/茨, then a common word made of the same alphabet
            "拉达茨对即将退休的将军说。",
            "Raddatz told the retiring general.",
            "拉达茨*/对/即将/退休/的/将军/说/。",
        ),
        (  # a pen name, 麦 "wheat" + 家 "home", by its pinyin in the English
            "主持人在节目中采访了作家麦家。",
            "The host interviewed the writer Mai Jia on the programme.",
            "主持人/在/节目/中/采访/了/作家/麦家*/。",
        ),
        (  # a Korean name, known to the dictionary as a person
            "朝鲜领导人金正恩周二视察了一家工厂。",
            "North Korean leader Kim Jong-un inspected a factory on Tuesday.",
            "朝鲜/领导人/金正恩*/周二/视察/了/一家/工厂/。",
        ),
        (  # a name the segmenter ran into the next word: 陈晓从 → 陈晓/从
            "记者陈晓从北京报道。",
            "Chen Xiao reports from Beijing.",
            "记者/陈晓*/从/北京/报道/。",
        ),
        (  # 安德森/赛/后: 赛后 "after the match" keeps its 赛
            "主教练安德森赛后说。",
            "Head coach Anderson said after the match.",
            "主/教练/安德森*/赛/后/说/。",
        ),
    ],
)
def test_names_are_one_word(zh, en, words):
    assert "/".join(_words(zh, en)) == words


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("安宁的马上要拆的房子里很安静。", "The house that is about to be torn down is quiet."),
        ("我们利用周末去爬了万里长城。", "We made use of the weekend to climb the Great Wall."),
        ("她在伦敦买了一件大衣。", "She bought a coat in London."),  # a place, not a person
        ("陈晓告诉王老师她明天去杭州。", "Chen Xiao told Teacher Wang she would go to Hangzhou."),
    ],
)
def test_sentences_without_other_names_get_none(zh, en):
    named = [w for w in _words(zh, en) if w.endswith("*")]
    assert named == (["陈晓*"] if "陈晓" in zh else [])


def test_a_name_has_no_hsk_level_and_links_to_its_english():
    annotation = annotate_segment(
        "高峰和妻子每天避开早高峰。", "Gao Feng and his wife avoid the rush."
    ).annotation
    first, last = annotation.zh[0], annotation.zh[-2]
    assert (first.text, first.name, first.level) == ("高峰", True, None)
    assert [annotation.en[j].text for j in first.links] == ["Gao", "Feng"]
    assert (last.text, last.name) == ("高峰", False)  # 早高峰 "morning rush" is no name
    assert last.level is not None


def test_name_flag_survives_the_stored_form_and_old_rows_read_without_it():
    token = annotate_segment("米利说。", "Milley said.").annotation.zh[0]
    assert token.to_json()["nm"] == 1
    assert ZhToken.from_json(token.to_json()) == token
    assert ZhToken.from_json({"t": "米利", "py": ["mǐ", "lì"], "tn": [3, 4]}).name is False


def test_find_names_gives_spans_and_english_forms():
    words = ["记者", "陈晓从", "北京", "报道", "，", "米", "利", "说"]
    readings = [t.syllables for t in annotate_words(words)]
    en = english.tokenize("Chen Xiao reports from Beijing; Milley said")
    found = [(s.start, s.end, s.english) for s in find_names(words, readings, en)]
    assert found == [(2, 4, "Chen Xiao"), (10, 12, "Milley")]


def test_the_names_gold_set_is_consistent():
    import runpy
    from pathlib import Path

    script = Path(__file__).parents[1] / "data" / "names" / "verify_names.py"
    assert runpy.run_path(str(script))["main"]() == 0
