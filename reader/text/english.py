"""English text for the aligner and the word linker: tokens, lemmas, stop words.

One tokenizer for every Latin-script text the layer reads (English
sentences, the Latin words inside Chinese, CC-CEDICT definitions). Its
tokens join back to the text; dotted abbreviations and numbers with
separators are one token, inner apostrophes and hyphens stay inside a
word, and a final possessive 's is a token of its own::

    >>> tokenize("Putin's A-10s cost $3.5 billion in the U.S.")[:10]
    ['Putin', "'s", ' ', 'A-10s', ' ', 'cost', ' ', '$', '3.5', ' ']
    >>> tokenize("in the U.S.")[-1]
    'U.S.'
    >>> words("Kim Jong-un didn't say.")
    ['Kim', 'Jong-un', "didn't", 'say']

``lemma`` is the key under which an English word and the CC-CEDICT
definition of its translation meet: irregular forms undone, an adverb's
-ly dropped, then the Snowball (Porter 2) stemmer (PyStemmer), so the key need not
be a real word, only the same for every form::

    >>> lemma("told"), lemma("Approached"), lemma("children"), lemma("heavily") == lemma("heavy")
    ('tell', 'approach', 'child', True)
    >>> lemma("dumplings") == lemma("dumpling")
    True
"""

import re
from functools import lru_cache

import Stemmer

__all__ = [
    "COMMON_VERBS",
    "STOP_WORDS",
    "TOKEN_RE",
    "acronym",
    "is_word",
    "lemma",
    "tokenize",
    "words",
]

TOKEN_RE = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # U.S., p.m., e.g.
    r"|\d+(?:[.,:]\d+)+"  # 3.5, 8,500, 3:45
    r"|[^\W_]+(?:[-‐'’][^\W_]+)*"  # words (and numbers), with inner hyphens and apostrophes
    r"|\s+"
    r"|.",
    re.DOTALL,
)
_POSSESSIVE = re.compile(r"(?<=[^\W_])(['’][sS])$")
_APOSTROPHE_S = re.compile(r"['’][sS]")  # in every text that has a possessive to split off

# Function words, and the metalanguage of CC-CEDICT definitions ("sb", "sth",
# "lit.", "fig."): matching them says nothing about whether two texts correspond.
STOP_WORDS = frozenset(
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

# Past tenses, participles and plurals that a stemmer cannot undo; verbs in
# CC-CEDICT definitions are in the base form ("to tell").
IRREGULAR = {
    "told": "tell", "said": "say", "says": "say", "got": "get", "gotten": "get", "went": "go",
    "gone": "go", "came": "come", "took": "take", "taken": "take", "made": "make", "saw": "see",
    "seen": "see", "thought": "think", "bought": "buy", "brought": "bring", "ate": "eat",
    "eaten": "eat", "ran": "run", "began": "begin", "begun": "begin", "found": "find",
    "gave": "give", "given": "give", "knew": "know", "known": "know", "left": "leave",
    "felt": "feel", "fell": "fall", "fallen": "fall", "kept": "keep", "held": "hold",
    "met": "meet", "paid": "pay", "sent": "send", "spent": "spend", "stood": "stand",
    "understood": "understand", "won": "win", "wrote": "write", "written": "write",
    "spoke": "speak", "spoken": "speak", "sold": "sell", "taught": "teach", "caught": "catch",
    "fought": "fight", "sought": "seek", "built": "build", "lost": "lose", "led": "lead",
    "read": "read", "drove": "drive", "driven": "drive", "rode": "ride", "flew": "fly",
    "flown": "fly", "grew": "grow", "grown": "grow", "drew": "draw", "drawn": "draw",
    "threw": "throw", "thrown": "throw", "broke": "break", "broken": "break", "chose": "choose",
    "chosen": "choose", "woke": "wake", "wore": "wear", "worn": "wear", "slept": "sleep",
    "sat": "sit", "lay": "lie", "rose": "rise", "risen": "rise", "struck": "strike",
    "hit": "hit", "cut": "cut", "put": "put", "set": "set", "shut": "shut", "hurt": "hurt",
    "cost": "cost", "forgot": "forget", "forgotten": "forget", "heard": "hear", "meant": "mean",
    "dug": "dig", "hung": "hang", "sang": "sing", "sung": "sing", "swam": "swim", "drank": "drink",
    "drunk": "drink", "children": "child", "men": "man", "women": "woman", "people": "person",
    "feet": "foot", "teeth": "tooth", "mice": "mouse", "better": "good", "best": "good",
    "worse": "bad", "worst": "bad",
}  # fmt: skip

# Abbreviated titles, written without their final dot ("Gen." is "Gen" + ".").
ABBREVIATIONS = {
    "gen": "general", "dr": "doctor", "mr": "mister", "mrs": "madam", "ms": "miss",
    "prof": "professor", "gov": "governor", "sen": "senator", "rep": "representative",
    "col": "colonel", "lt": "lieutenant", "capt": "captain", "sgt": "sergeant", "st": "saint",
    "pres": "president", "dept": "department", "govt": "government", "intl": "international",
}  # fmt: skip

# Adjectives of nationality that no suffix rule turns into the country's name.
DEMONYMS = {
    "british": "britain", "english": "england", "french": "france", "german": "germany",
    "dutch": "netherlands", "swiss": "switzerland", "spanish": "spain", "polish": "poland",
    "turkish": "turkey", "greek": "greece", "thai": "thailand", "danish": "denmark",
    "swedish": "sweden", "irish": "ireland", "finnish": "finland", "scottish": "scotland",
    "welsh": "wales", "chinese": "china", "israeli": "israel", "iraqi": "iraq",
    "pakistani": "pakistan", "filipino": "philippines", "mexican": "mexico",
    "norwegian": "norway", "portuguese": "portugal", "vietnamese": "vietnam",
}  # fmt: skip

# Verbs so common in both languages (said, told, got, made) that a match on
# them says little about whether two sentences translate each other: the
# aligner skips them, as it skips lexicon.ZH_COMMON_WORDS; the word linker
# still links them (告诉 ↔ told).
COMMON_VERBS = frozenset("say tell get make go come take give see know think".split())

# Adverb particles of phrasal verbs: part of a phrase (get up, give up, go
# out), never a match on their own.
PARTICLES = frozenset(("up", "out", "off", "down", "back", "away", "over"))


def tokenize(text: str) -> list[str]:
    """Cut English text into word tokens and non-word tokens; they join back to ``text``."""
    found = TOKEN_RE.findall(text)
    if not _APOSTROPHE_S.search(text):
        return found  # most texts: nothing to split off, no token to look at again
    tokens: list[str] = []
    for token in found:
        m = _POSSESSIVE.search(token) if token[-1] in "sS" else None
        if m and len(token) > 2:
            tokens.extend((token[: m.start()], token[m.start() :]))
        else:
            tokens.append(token)
    return tokens


def is_word(token: str) -> bool:
    """A word or number token (not spaces, punctuation or a split-off 's)."""
    return bool(token) and token[0].isalnum()


def words(text: str) -> list[str]:
    """The word and number tokens of ``text``, in order."""
    return [token for token in tokenize(text) if is_word(token)]


def content_lemmas(text: str, *, numbers: bool = True) -> set[str]:
    """The lemmas of ``text``'s content words: no stop words, no single letters, and
    with ``numbers=False`` no tokens that start with a digit.

    >>> sorted(content_lemmas("to tell; to inform"))
    ['inform', 'tell']
    """
    return {
        lemma(token)
        for token in words(text)
        if token.lower() not in STOP_WORDS
        and len(token) > 1
        and (numbers or not token[0].isdigit())
    }


_stemmer = Stemmer.Stemmer("english")


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The key of an English word: lowercase, irregular form undone, -ly dropped, stemmed."""
    w = word.lower().strip("'’-.")
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    w = IRREGULAR.get(w, w)
    if w.endswith("ly") and len(w) > 6 and w not in STOP_WORDS:
        w = w[:-3] + "y" if w.endswith("ily") else w[:-2]  # heavily → heavy, mainly → main
    return _stemmer.stemWord(w)


def acronym(word: str) -> str | None:
    """``"U.S."`` → ``"US"``, ``"ABC"`` → ``"ABC"``, ``"p.m."`` → ``"PM"``; else None."""
    letters = word.replace(".", "")
    if len(letters) < 2 or not letters.isalpha():
        return None
    if "." in word or letters.isupper():
        return letters.upper()
    return None
