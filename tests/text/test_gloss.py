"""The pop-up's entry for a word, arranged for a learner (no database)."""

import pytest

from reader.text import gloss


@pytest.mark.parametrize(
    ("numbered", "marked"),
    [
        ("yin2 hang2", "yín háng"),
        ("lu:4", "lǜ"),
        ("lv4", "lǜ"),
        ("gou3", "gǒu"),
        ("liu2", "liú"),
        ("gui4", "guì"),
        ("er2", "ér"),
        ("de5", "de"),
        ("Pu3 jing1", "Pǔ jīng"),
        ("xx", "xx"),
    ],
)
def test_numbered_pinyin_becomes_tone_marks(numbered, marked):
    assert gloss.numbered_to_marks(numbered) == marked
