"""The typed annotation and its stored form: rows saved before it read the same."""

from reader.text.annotation import Annotation, EnToken, ZhToken, zh_tokens_from_json
from reader.text.pipeline import annotate_segment

# A row as the pipeline stored it before the annotation had types.
STORED = {
    "tokens": [
        {"t": "普京", "py": ["pǔ", "jīng"], "tn": [3, 1], "l": [0]},
        {"t": "用", "py": ["yòng"], "tn": [4], "h": 1},
        {"t": "榴弹炮", "py": ["liú", "dàn", "pào"], "tn": [2, 4, 4], "l": [6]},
        {"t": "。"},
    ],
    "en": [{"t": "Putin", "l": [0]}, {"t": " "}, {"t": "uses"}, {"t": " "}, {"t": "a"}, {"t": " "},
           {"t": "howitzer", "l": [2]}, {"t": "."}],
}  # fmt: skip


def test_stored_rows_read_and_write_back_unchanged():
    annotation = Annotation.from_json(STORED)
    assert annotation.zh[2] == ZhToken("榴弹炮", ("liú", "dàn", "pào"), (2, 4, 4), None, (6,))
    assert annotation.zh[1].level == 1 and annotation.zh[3] == ZhToken("。")
    assert annotation.en[6] == EnToken("howitzer", (2,))
    assert annotation.to_json() == STORED


def test_the_pipeline_writes_the_stored_form():
    written = annotate_segment("普京用榴弹炮。", "Putin uses a howitzer.").annotation.to_json()
    assert [t["t"] for t in written["tokens"]] == ["普京", "用", "榴弹炮", "。"]
    assert written["tokens"][2]["l"] == [6] and written["en"][6] == {"t": "howitzer", "l": [2]}
    assert "py" not in written["tokens"][3] and "l" not in written["en"][1]
    assert Annotation.from_json(written).to_json() == written


def test_a_segment_saved_without_annotation_reads_as_empty():
    assert Annotation.from_json({}) == Annotation() == Annotation.from_json(None)
    assert zh_tokens_from_json([]) == ()


def test_reading_is_the_syllables_as_shown():
    assert ZhToken("银行", ("yín", "háng"), (2, 2)).reading == "yín háng"
