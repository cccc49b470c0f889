"""A teacher's fixes to a paragraph alignment, as plain operations on a list of beads.

A bead is a pair of paragraph lists, Chinese and English; either may be
empty (an untranslated caption). Every operation returns a new list and
leaves the one it was given alone; together they keep every paragraph,
in reading order, exactly once.

>>> beads = [(["甲", "乙"], ["A"]), (["丙"], ["B", "C"])]
>>> move_paragraph(beads, 0, "zh", +1)
[(['甲'], ['A']), (['乙', '丙'], ['B', 'C'])]
>>> split(beads, 1)
[(['甲', '乙'], ['A']), (['丙'], ['B']), ([], ['C'])]
>>> merge_with_next(beads, 0)
[(['甲', '乙', '丙'], ['A', 'B', 'C'])]
>>> unmatch(beads, 0)
[(['甲', '乙'], []), ([], ['A']), (['丙'], ['B', 'C'])]
"""

Bead = tuple[list[str], list[str]]

SIDES = ("zh", "en")

# A stored pair keeps each side's source paragraphs as one text, a line each.
PARAGRAPH_SEPARATOR = "\n"


def join_paragraphs(paragraphs: list[str]) -> str:
    """``["甲", "乙"]`` → ``"甲\\n乙"``: a side of a bead as it is stored."""
    return PARAGRAPH_SEPARATOR.join(paragraphs)


def split_paragraphs(text: str) -> list[str]:
    """The stored side of a bead as its paragraphs; an empty side has none.

    >>> split_paragraphs("甲\\n乙"), split_paragraphs("")
    (['甲', '乙'], [])
    """
    return text.split(PARAGRAPH_SEPARATOR) if text else []


class BeadError(ValueError):
    """An operation that does not apply to this bead (its message says why)."""


def _side(bead: Bead, side: str) -> list[str]:
    if side not in SIDES:
        raise BeadError(f"unknown side {side!r}")
    return bead[0] if side == "zh" else bead[1]


def _with_side(bead: Bead, side: str, paragraphs: list[str]) -> Bead:
    return (paragraphs, bead[1]) if side == "zh" else (bead[0], paragraphs)


def _check(beads: list[Bead], index: int) -> None:
    if not 0 <= index < len(beads):
        raise BeadError(f"there is no pair {index + 1}")


def _drop_empty(beads: list[Bead]) -> list[Bead]:
    return [bead for bead in beads if bead[0] or bead[1]]


def move_paragraph(beads: list[Bead], index: int, side: str, direction: int) -> list[Bead]:
    """Move a side's last paragraph to the next pair (+1), or its first to the previous (-1)."""
    _check(beads, index)
    target = index + direction
    if direction not in (-1, 1) or not 0 <= target < len(beads):
        raise BeadError("there is no pair in that direction")
    source = list(_side(beads[index], side))
    if not source:
        raise BeadError(f"pair {index + 1} has no {side} paragraph to move")
    into = list(_side(beads[target], side))
    if direction == 1:
        into.insert(0, source.pop())
    else:
        into.append(source.pop(0))
    result = list(beads)
    result[index] = _with_side(beads[index], side, source)
    result[target] = _with_side(beads[target], side, into)
    return _drop_empty(result)


def merge_with_next(beads: list[Bead], index: int) -> list[Bead]:
    """Join a pair with the one after it, both sides in order."""
    _check(beads, index)
    if index + 1 >= len(beads):
        raise BeadError("the last pair has no next pair to merge with")
    (zh_a, en_a), (zh_b, en_b) = beads[index], beads[index + 1]
    return [*beads[:index], (zh_a + zh_b, en_a + en_b), *beads[index + 2 :]]


def split(beads: list[Bead], index: int) -> list[Bead]:
    """Make each paragraph of a pair its own pair, pairing the sides in order."""
    _check(beads, index)
    zh, en = beads[index]
    if len(zh) < 2 and len(en) < 2:
        raise BeadError(f"pair {index + 1} holds one paragraph a side; there is nothing to split")
    parts = [
        ([zh[k]] if k < len(zh) else [], [en[k]] if k < len(en) else [])
        for k in range(max(len(zh), len(en)))
    ]
    return [*beads[:index], *parts, *beads[index + 1 :]]


def unmatch(beads: list[Bead], index: int) -> list[Bead]:
    """Say a pair's two sides do not translate each other: each becomes a pair of its own."""
    _check(beads, index)
    zh, en = beads[index]
    if not zh or not en:
        raise BeadError(f"pair {index + 1} already has only one side")
    return [*beads[:index], (zh, []), ([], en), *beads[index + 1 :]]
