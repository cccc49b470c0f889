"""What a word can become in the other language, as keys that meet across a sentence pair.

CC-CEDICT's definitions of a Chinese word are read as English keys
(``english.lemma``), each weighted by how plainly the definition says it:
a whole definition ("howitzer", "to tell") weighs 1, a word inside a longer
one less; a definition of several words is also kept as a phrase that
counts when it stands word for word in the English ("North Korea"). An
English word gives its keys the same way, so that the two meet::

    >>> dict(translations("告诉").keys)["tell"], english_keys("told")
    (1.0, (('tell', 1.0),))

Keys that only a capitalised English word has carry a ``^`` mark: the name
英国 "Great Britain" must not light the adjective "great".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from reader.text import dictionary, english, names
from reader.text.dictionary import HAN_REFERENCE, SKIP_DEFINITION
from reader.text.lexicon import ZH_FUNCTION_WORDS

__all__ = ["NAME_MARK", "Translations", "compound_translations", "english_keys", "translations"]

NAME_MARK = "^"  # prefix of keys that only a capitalised English word has


@lru_cache(maxsize=100_000)
def english_keys(word: str) -> tuple[tuple[str, float], ...]:
    """The keys of one English word, each with how much to trust it.

    >>> english_keys("Korean")
    (('korean', 1.0), ('korea', 0.9), ('^korean', 1.0), ('^korea', 0.9))
    """
    low = word.lower()
    if "'" in low or "’" in low:  # don't, he'll: no content word
        return ()
    if low in english.PARTICLES:
        return ((low, 1.0),)
    acronym = english.acronym(word)
    if acronym:
        found = [(acronym, 1.0)]
        if acronym.lower() not in english.STOP_WORDS:
            found.append((english.lemma(low.replace(".", "")), 0.9))
        return tuple(found)
    if low in english.STOP_WORDS or len(low) < 2:
        return ()
    keys = {english.lemma(low): 1.0}
    if low in english.ABBREVIATIONS:
        keys.setdefault(english.lemma(english.ABBREVIATIONS[low]), 1.0)
    if "-" in low or "‐" in low:
        for part in re.split(r"[-‐]", low):
            if len(part) > 1 and part not in english.STOP_WORDS:
                keys.setdefault(english.lemma(part), 0.8)
    if word[:1].isupper():  # demonyms: Korean → korea, Ukrainian → ukrain, Japanese → japan
        if low in english.DEMONYMS:
            keys.setdefault(english.lemma(english.DEMONYMS[low]), 0.9)
        if low.endswith("an"):
            keys.setdefault(english.lemma(low[:-1]), 0.9)
        if low.endswith(("ian", "ese")):
            keys.setdefault(english.lemma(low[:-3]), 0.9)
    if word[:1].isupper():
        for key, trust in list(keys.items()):
            keys[NAME_MARK + key] = trust
    return tuple(keys.items())


def _not_a_meaning(definition: str) -> bool:
    """A cross-reference or note (as the dictionary reads them), or a literal sense ("lit. …")."""
    return bool(SKIP_DEFINITION.match(definition)) or definition.lower().startswith("lit. ")


_PARENTHESIS = re.compile(r"\(([^)]*)\)")


@dataclass(frozen=True)
class Translations:
    """What one Chinese word can become in English: weighted keys, and multi-word phrases."""

    keys: dict[str, float] = field(default_factory=dict)
    phrases: tuple[tuple[tuple[str, ...], float], ...] = ()


def _definition_keys(text: str, proper: bool) -> tuple[list[str], list[str], list[str]]:
    """Keys of a definition's content words; the same as phrase parts (hyphens split);
    and the parts of hyphenated words, which also match on their own, more weakly."""
    if proper:  # "Vladimir Putin (1952-), president of Russia": the name is the head
        text = text.split(",")[0]
    words = [w for w in english.words(text) if w[0].isalpha()]
    keys: list[str] = []
    parts: list[str] = []
    pieces_only: list[str] = []
    described = False
    for word in words:
        acronym = english.acronym(word)
        if acronym and (proper or "." in word or len(acronym) > 2):
            keys.append(acronym)
            parts.append(acronym)
            continue
        low = word.lower().strip("'’-")
        if proper and not word[0].isupper():
            # "Sichuan province in southwest China": past a common word the
            # names are a description, not the name itself.
            described = described or low not in english.STOP_WORDS
            continue
        if proper and described:
            continue
        if low in english.PARTICLES and parts:
            parts.append(low)
            if low not in english.STOP_WORDS:  # "back" also means something alone
                keys.append(english.lemma(low))
            continue
        if low in english.STOP_WORDS or len(low) < 2:
            continue
        # A name's words match only capitalised English words: 英国 "Great
        # Britain" must not light the adjective "great".
        mark = NAME_MARK if proper else ""
        keys.append(mark + english.lemma(low))
        pieces = [p for p in low.split("-") if len(p) > 1 and p not in english.STOP_WORDS]
        if len(pieces) > 1:
            parts.extend(mark + english.lemma(p) for p in pieces)
            pieces_only.extend(mark + english.lemma(p) for p in pieces)
        else:
            parts.append(keys[-1])
    return keys, parts, pieces_only


@lru_cache(maxsize=200_000)
def translations(word: str) -> Translations:
    """Weighted English keys of ``word`` from its CC-CEDICT entries.

    >>> sorted(translations("榴弹炮").keys.items())
    [('howitz', 1.0)]

    A key that is a whole definition ("howitzer", "to tell") weighs 1; a key
    inside a longer definition weighs less, and the whole definition is also
    kept as a phrase that weighs 1 when it appears word for word. Later
    definitions weigh a little less; single characters, whose definitions run
    wide, keep only their first three and weigh less.
    """
    keys: dict[str, float] = {}
    phrases: dict[tuple[str, ...], float] = {}
    single = len(word) == 1

    def add(key: str, weight: float) -> None:
        if weight > keys.get(key, 0.0):
            keys[key] = weight

    for entry in dictionary.lookup(word):
        proper = entry.pinyin[:1].isupper()
        rank = 0
        for definition in entry.definitions:
            if _not_a_meaning(definition):
                continue
            for part in definition.split(";"):
                part = part.strip()
                if not part or _not_a_meaning(part):
                    continue
                if single and rank >= 3:
                    break
                factor = max(0.8, 1.0 - 0.04 * rank) * (0.85 if single else 1.0)
                rank += 1
                # An acronym in brackets is a translation: "(CEO)", "(WHO)".
                for inner in _PARENTHESIS.findall(part):
                    acronym = english.acronym(inner.strip())
                    if acronym and len(acronym) > 1:
                        add(acronym, 0.9 * factor)
                text = _PARENTHESIS.sub(" ", HAN_REFERENCE.sub(" ", part))
                text = re.sub(r"^\s*fig\.\s*", "", text)
                found, parts, pieces = _definition_keys(text, proper)
                if not found:
                    continue
                for key in pieces:  # electric-powered → electric
                    add(key, 0.7 * factor)
                if proper and len(found) > 1 and _is_surname_only(word, found):
                    # 马克龙 is "Emmanuel Macron" in the dictionary but only Macron
                    # in the text: its sound matches the last name alone.
                    add(found[-1], factor)
                    continue
                if 1 < len(parts) <= 5:  # "North Korea", "to get up"
                    phrase = tuple(parts)
                    phrases[phrase] = max(phrases.get(phrase, 0.0), factor)
                if len(found) == 1:
                    add(found[0], factor)
                    continue
                for i, key in enumerate(found):
                    add(key, (0.8 if proper else 0.7 if i == len(found) - 1 else 0.6) * factor)
    return Translations(keys, tuple(phrases.items()))


def _is_surname_only(word: str, keys: list[str]) -> bool:
    """Whether a Chinese name transliterates only the last of a Western name's parts."""
    zs = names.name_skeleton_pinyin(word)
    es = names.name_skeleton_en(keys[-1].lstrip(NAME_MARK))
    return len(zs) >= 3 and (zs == es or names.edit_distance(zs, es) <= 1)


@lru_cache(maxsize=100_000)
def compound_translations(word: str) -> Translations:
    """A word read through its longest dictionary parts (锡杯 → 锡 + 杯).

    For a word CC-CEDICT has, only its common parts: 美国广播公司 (ABC) is
    not "U.S." because it holds 美国.
    """
    known = dictionary.is_word(word)
    keys: dict[str, float] = {}
    phrases: list[tuple[tuple[str, ...], float]] = []
    start = 0
    while start < len(word):
        for end in range(min(len(word), start + 4), start, -1):
            piece = word[start:end]
            if end - start == len(word):
                continue
            if dictionary.is_word(piece) or end == start + 1:
                break
        if piece not in ZH_FUNCTION_WORDS and not (known and names.is_name_entry(piece)):
            factor = 0.9 if len(piece) > 1 else 0.75
            found = translations(piece)
            for key, weight in found.keys.items():
                keys[key] = max(keys.get(key, 0.0), weight * factor)
            phrases.extend((p, w * factor) for p, w in found.phrases)
        start = end
    return Translations(keys, tuple(phrases))
