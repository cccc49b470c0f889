"""The annotation of one sentence pair (a segment): its words, their readings, their links.

Computed once when an article is saved and stored with the segment, so that
a page only reads it. In Python it is typed; in the database it is a
compact JSON object, described here and nowhere else::

    {"tokens": [                      the Chinese tokens, in order
        {"t": "银行",                  t   the token's text
         "py": ["yín", "háng"],        py  one syllable per Han character, tone marks
         "tn": [2, 2],                 tn  their tone numbers, 5 for the neutral tone
         "h": 3,                       h   the word's HSK level (1–7; 7 is 7–9)
         "l": [8]},                    l   indices of the English tokens it became
        {"t": "米利", "py": ["mǐ", "lì"], "tn": [3, 4], "nm": 1, "l": [3]},
                                       nm  1 for a person's name (never graded: no h)
        {"t": "。"}],                  keys with nothing to say are left out
     "en": [                          the English tokens, words and the rest
        {"t": "bank", "l": [2]},      l   indices of the Chinese tokens it came from
        {"t": " "}]}

    >>> stored = {"tokens": [{"t": "银行", "py": ["yín", "háng"], "tn": [2, 2], "h": 3, "l": [0]},
    ...                      {"t": "。"}],
    ...           "en": [{"t": "bank", "l": [0]}, {"t": "."}]}
    >>> annotation = Annotation.from_json(stored)
    >>> annotation.zh[0]
    ZhToken(text='银行', syllables=('yín', 'háng'), tones=(2, 2), level=3, links=(0,))
    >>> annotation.to_json() == stored
    True

A learner's bookmark keeps a snapshot of its sentence's Chinese tokens in
the same form (the ``"tokens"`` list alone): ``zh_tokens_from_json``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

__all__ = [
    "Annotation",
    "EnToken",
    "ZhToken",
    "zh_texts",
    "zh_tokens_from_json",
    "zh_tokens_to_json",
]


@dataclass(frozen=True, slots=True)
class ZhToken:
    """A Chinese word, number or mark; syllables only for tokens with Han characters."""

    text: str
    syllables: tuple[str, ...] = ()
    tones: tuple[int, ...] = ()
    level: int | None = None
    links: tuple[int, ...] = ()
    # A person's name (米利 Milley): shown whole, glossed as a name, never graded.
    # Out of the repr so that a token reads as before where no name is involved.
    name: bool = field(default=False, repr=False)

    @property
    def reading(self) -> str:
        """The syllables as the page shows them, one per character: ``"yín háng"``."""
        return " ".join(self.syllables)

    def to_json(self) -> dict:
        data: dict = {"t": self.text}
        if self.syllables:
            data["py"] = list(self.syllables)
            data["tn"] = list(self.tones)
        if self.level is not None:
            data["h"] = self.level
        if self.name:
            data["nm"] = 1
        if self.links:
            data["l"] = list(self.links)
        return data

    @classmethod
    def from_json(cls, data: dict) -> ZhToken:
        return cls(
            text=data["t"],
            syllables=tuple(data.get("py", ())),
            tones=tuple(data.get("tn", ())),
            level=data.get("h"),
            links=tuple(data.get("l", ())),
            name=bool(data.get("nm")),  # rows saved before names were flagged have none
        )


@dataclass(frozen=True, slots=True)
class EnToken:
    """An English word, space or mark, with the Chinese tokens it came from."""

    text: str
    links: tuple[int, ...] = ()

    def to_json(self) -> dict:
        return {"t": self.text, "l": list(self.links)} if self.links else {"t": self.text}

    @classmethod
    def from_json(cls, data: dict) -> EnToken:
        return cls(text=data["t"], links=tuple(data.get("l", ())))


@dataclass(frozen=True, slots=True)
class Annotation:
    """A segment's Chinese and English tokens, each side's links indexing the other's."""

    zh: tuple[ZhToken, ...] = ()
    en: tuple[EnToken, ...] = ()

    def to_json(self) -> dict:
        return {"tokens": zh_tokens_to_json(self.zh), "en": [token.to_json() for token in self.en]}

    @classmethod
    def from_json(cls, data: dict | None) -> Annotation:
        """Read the stored form; a segment saved without annotation reads as an empty one."""
        data = data or {}
        return cls(
            zh=zh_tokens_from_json(data.get("tokens", ())),
            en=tuple(EnToken.from_json(token) for token in data.get("en", ())),
        )


def zh_tokens_to_json(tokens: Iterable[ZhToken]) -> list[dict]:
    return [token.to_json() for token in tokens]


def zh_tokens_from_json(data: Sequence[dict]) -> tuple[ZhToken, ...]:
    return tuple(ZhToken.from_json(token) for token in data)


def zh_texts(data: dict | None) -> list[str]:
    """The texts of a stored annotation's Chinese tokens, the rest left unread."""
    return [token["t"] for token in (data or {}).get("tokens", ())]
