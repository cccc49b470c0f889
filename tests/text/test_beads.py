"""A teacher's fixes to a paragraph alignment, as operations on beads."""

import pytest

from reader.text import beads as ops


def test_bead_operations_keep_every_paragraph_once_in_order():
    start = [(["甲"], ["A"]), (["乙", "丙"], []), ([], ["B"]), (["丁"], ["C", "D"])]
    flat = ["甲", "乙", "丙", "丁"], ["A", "B", "C", "D"]
    results = [
        ops.move_paragraph(start, 1, "zh", -1),
        ops.move_paragraph(start, 3, "en", -1),
        ops.merge_with_next(start, 1),
        ops.split(start, 1),
        ops.split(start, 3),
        ops.unmatch(start, 0),
    ]
    for result in results:
        assert [p for zh, _ in result for p in zh] == flat[0]
        assert [p for _, en in result for p in en] == flat[1]
        assert all(zh or en for zh, en in result)
    for bad in [
        lambda: ops.move_paragraph(start, 0, "zh", -1),
        lambda: ops.move_paragraph(start, 2, "zh", 1),
        lambda: ops.merge_with_next(start, 3),
        lambda: ops.split(start, 0),
        lambda: ops.unmatch(start, 2),
        lambda: ops.move_paragraph(start, 0, "fr", 1),
    ]:
        with pytest.raises(ops.BeadError):
            bad()


def test_a_side_is_stored_as_its_paragraphs_a_line_each():
    assert ops.split_paragraphs(ops.join_paragraphs(["甲", "乙"])) == ["甲", "乙"]
    assert ops.split_paragraphs("") == [] and ops.join_paragraphs([]) == ""
