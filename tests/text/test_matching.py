"""Where an edited sentence went: same text first, then the most similar."""

from reader.text import matching


def test_moved_sentence_is_found_by_text_then_by_overlap():
    candidates = ["完全不同的句子。", "普京将在未来几天会见金正恩。"]
    assert matching.best_match("普京将在未来几天会见金正恩。", candidates) == 1
    assert matching.best_match("普京将在未来数天会见金正恩。", candidates) == 1
    assert matching.best_match("今天天气很好。", candidates) is None
