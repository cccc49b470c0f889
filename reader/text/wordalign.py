"""Word-to-word links inside one sentence pair: which English words each Chinese word became.

The links are precision-first evidence, never guesses from position alone:

- the word's CC-CEDICT definitions, matched after normalising English
  inflections (approached → approach, told → tell, Koreans → korea);
  a definition of several words ("North Korea") links all of them when
  they stand together in the English;
- Latin tokens written the same on both sides (ABC, iPhone, Raddatz);
- numbers, dates, months and weekdays (2023年 ↔ 2023, 9月 ↔ September);
- names: the pinyin spelled out (习近平 ↔ Xi Jinping, 南京 ↔ Nanjing) or a
  transliteration whose consonant skeleton matches (米利 ↔ Milley);
- a short list of closed-class words that do carry over: pronouns
  (他 ↔ he, his), demonstratives, negation, modals of possibility,
  degree adverbs, interrogatives (不 ↔ not, 可能 ↔ may, 什么 ↔ what);
- words missing from the dictionary, through their dictionary parts
  (锡杯 → 锡 tin + 杯 cup), at a lower weight.

Candidates are scored, then accepted greedily, best first: an English word
takes one Chinese word (a number or a name cut into several tokens by the
segmenter counts as one), and a Chinese word takes more than one English
word only when they stand together (朝鲜 → North Korea). Where several
candidates compete for a word, position decides: relative position in the
sentence for strong evidence, closeness to the strong links for weak
evidence. Function words (的, 了, 是; the, of, is) are never linked.

    >>> zh = ["普京", "用", "榴弹炮"]
    >>> en = tokenize_en("Putin's howitzer")
    >>> en
    ['Putin', "'s", ' ', 'howitzer']
    >>> link_words(zh, en)
    [(0, 0), (2, 3)]

``tokenize_en`` keeps inner apostrophes and hyphens in a word (don't,
Jong-un) but splits a final possessive 's off as a token of its own that is
not a word ("Putin's" → "Putin", "'s"); dotted abbreviations (U.S., p.m.)
and numbers with separators (3.5, 8,500, 3:45) are one token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from reader.text import anchors, dictionary
from reader.text.dictionary import EN_STOP_WORDS, HAN_REFERENCE, SKIP_DEFINITION, normalize_en
from reader.text.lang import HAN_RE

__all__ = ["tokenize_en", "is_en_word", "link_words", "lemma_en"]

# --- English tokens -------------------------------------------------------------------------

_EN_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # U.S., p.m.
    r"|\d+(?:[.,:]\d+)+"  # 3.5, 8,500, 3:45
    r"|[^\W_]+(?:[-‐'’][^\W_]+)*"  # words, with inner hyphens and apostrophes
    r"|\s+"
    r"|.",
    re.DOTALL,
)
_POSSESSIVE = re.compile(r"(?<=[^\W_])(['’][sS])$")


def tokenize_en(text: str) -> list[str]:
    """Cut English text into word tokens and non-word tokens; they join back to ``text``."""
    tokens: list[str] = []
    for token in _EN_TOKEN.findall(text):
        m = _POSSESSIVE.search(token)
        if m and len(token) > 2:
            tokens.extend((token[: m.start()], token[m.start() :]))
        else:
            tokens.append(token)
    return tokens


def is_en_word(token: str) -> bool:
    """A word or number token (not spaces, punctuation or a split-off 's)."""
    return bool(token) and (token[0].isalnum()) and token[0] != "_"


# Past tenses and participles that suffix stripping cannot undo; verbs in
# CC-CEDICT glosses are in the base form ("to tell").
_IRREGULAR = {
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
    "worse": "bad", "worst": "bad", "seized": "seize",
}  # fmt: skip

# Abbreviated titles, written without their final dot ("Gen." is "Gen" + ".").
_ABBREVIATIONS = {
    "gen": "general", "dr": "doctor", "mr": "mister", "mrs": "madam", "ms": "miss",
    "prof": "professor", "gov": "governor", "sen": "senator", "rep": "representative",
    "col": "colonel", "lt": "lieutenant", "capt": "captain", "sgt": "sergeant", "st": "saint",
    "pres": "president", "dept": "department", "govt": "government", "intl": "international",
}  # fmt: skip


# Adjectives of nationality that no suffix rule turns into the country's name.
_DEMONYMS = {
    "british": "britain", "english": "england", "french": "france", "german": "germany",
    "dutch": "netherlands", "swiss": "switzerland", "spanish": "spain", "polish": "poland",
    "turkish": "turkey", "greek": "greece", "thai": "thailand", "danish": "denmark",
    "swedish": "sweden", "irish": "ireland", "finnish": "finland", "scottish": "scotland",
    "welsh": "wales", "chinese": "china", "israeli": "israel", "iraqi": "iraq",
    "pakistani": "pakistan", "filipino": "philippines", "mexican": "mexico",
    "norwegian": "norway", "portuguese": "portugal", "vietnamese": "vietnam",
}  # fmt: skip


@lru_cache(maxsize=100_000)
def lemma_en(word: str) -> str:
    """The dictionary key of an English word: irregular forms undone, then ``_normalize``.

    >>> lemma_en("told"), lemma_en("Approached"), lemma_en("children")
    ('tell', 'approach', 'child')
    >>> lemma_en("dumplings") == lemma_en("dumpling"), lemma_en("completely")
    (True, 'complet')
    """
    low = word.lower()
    return _normalize(_IRREGULAR.get(low, low))


@lru_cache(maxsize=100_000)
def _normalize(word: str) -> str:
    """``normalize_en`` until it stops changing, after dropping an adverb's -ly.

    One pass maps "dumplings" to "dumpling" but "dumpling" to "dumpl"; the
    fixed point is the same for both. Both sides of a match go through here.
    """
    w = word.lower()
    if w.endswith("ly") and len(w) > 6 and w not in EN_STOP_WORDS:
        w = w[:-3] + "y" if w.endswith("ily") else w[:-2]  # heavily → heavy, mainly → main
    for _ in range(3):
        nxt = normalize_en(w)
        if nxt == w:
            break
        w = nxt
    return w


def _acronym(word: str) -> str | None:
    """ "U.S." → "US", "ABC" → "ABC", "p.m." → "PM"; None for ordinary words."""
    letters = word.replace(".", "")
    if len(letters) < 2 or not letters.isalpha():
        return None
    if "." in word or letters.isupper():
        return letters.upper()
    return None


_NAME_MARK = "^"  # prefix of keys that only a capitalised English word has


@lru_cache(maxsize=100_000)
def _en_keys(word: str) -> tuple[tuple[str, float], ...]:
    """Dictionary keys of one English word, each with how much to trust it."""
    low = word.lower()
    if "'" in low or "’" in low:  # don't, he'll: no content word
        return ()
    if low in _PARTICLES:
        return ((low, 1.0),)
    acronym = _acronym(word)
    if acronym:
        keys = [(acronym, 1.0)]
        if acronym.lower() not in EN_STOP_WORDS:
            keys.append((_normalize(low.replace(".", "")), 0.9))
        return tuple(keys)
    if low in EN_STOP_WORDS or len(low) < 2:
        return ()
    keys = {lemma_en(low): 1.0}
    if low in _ABBREVIATIONS:
        keys.setdefault(_normalize(_ABBREVIATIONS[low]), 1.0)
    if "-" in low or "‐" in low:
        for part in re.split(r"[-‐]", low):
            if len(part) > 1 and part not in EN_STOP_WORDS:
                keys.setdefault(lemma_en(part), 0.8)
    if word[:1].isupper():  # demonyms: Korean → korea, Ukrainian → ukrain, Japanese → japan
        if low in _DEMONYMS:
            keys.setdefault(_normalize(_DEMONYMS[low]), 0.9)
        if low.endswith("an"):
            keys.setdefault(_normalize(low[:-1]), 0.9)
        if low.endswith(("ian", "ese")):
            keys.setdefault(_normalize(low[:-3]), 0.9)
    if word[:1].isupper():
        for key, trust in list(keys.items()):
            keys[_NAME_MARK + key] = trust
    return tuple(keys.items())


# --- Chinese words: what CC-CEDICT says they mean ------------------------------------------

# Particles, prepositions, conjunctions, copula, modals, degree adverbs and
# localisers: their glosses ("target", "taxi" for 的) would match at random.
ZH_FUNCTION_WORDS = frozenset(
    """
    的 地 得 了 着 过 吗 呢 吧 啊 呀 嘛 哦 啦 是 在 和 与 及 或 或者 把 被 将 就 都 也 还 又 才 而
    但 但是 所 以 之 其 这 那 这个 那个 这些 那些 这样 那样 个 给 对 从 向 于 为 为了 让 使 由
    由于 到 自 比 跟 同 并 很 太 最 更 非常 会 能 可以 要 应该 没 不 没有 别 中 里 上 下 内 外
    前 后 时 当 如果 因为 所以 然后 然而 虽然 可是 而且 以及 如何 什么 怎么 哪 谁 一 一个 有 之后
    之前 已 再 正 正在 乎 该 每 各 些 等 据 称 作为 通过 按照 根据 关于 对于 如 若 即 乃 则
    """.split()
)

# Closed-class words that do have a counterpart: pronouns, demonstratives,
# negation, modals of possibility, degree adverbs, interrogatives. They link
# only to the English forms listed here (contractions by their first part,
# "n't" for a negated auxiliary), and weigh less than dictionary evidence.
_THIS = ("this", "these")
_THAT = ("that", "those")
_NOT = ("not", "n't", "no", "never")
_CLOSED_CLASS: dict[str, tuple[tuple[str, ...], float]] = {
    "我": (("i", "me", "my", "mine", "myself"), 0.7),
    "我们": (("we", "us", "our", "ours", "ourselves"), 0.7),
    "咱们": (("we", "us", "our"), 0.7),
    "你": (("you", "your", "yours", "yourself"), 0.7),
    "您": (("you", "your", "yours"), 0.7),
    "你们": (("you", "your", "yours"), 0.7),
    "他": (("he", "him", "his", "himself"), 0.7),
    "她": (("she", "her", "hers", "herself"), 0.7),
    "它": (("it", "its", "itself"), 0.7),
    "他们": (("they", "them", "their", "theirs", "themselves"), 0.7),
    "她们": (("they", "them", "their", "theirs"), 0.7),
    "它们": (("they", "them", "their"), 0.7),
    **{
        w: (_THIS, 0.6) for w in "这 这个 这些 这次 这种 这家 这本 这台 这部 这座 这位 这件".split()
    },
    **{w: (_THAT, 0.6) for w in "那 那个 那些 那次 那种 那家 那本 那位 那件".split()},
    "这里": (("here",), 0.65),
    "那里": (("there",), 0.6),
    "不": (_NOT, 0.65),
    "没": (_NOT, 0.65),
    "没有": (_NOT, 0.6),
    "别": (("don't", "not", "n't", "never"), 0.6),
    "并不": (_NOT, 0.65),
    "不再": (("no", "longer", "not", "n't"), 0.65),
    "从不": (("never",), 0.7),
    "可能": (("may", "might", "could", "probably", "possibly", "likely", "perhaps", "maybe"), 0.65),
    "能": (("can", "could", "able"), 0.65),
    "能够": (("can", "could", "able"), 0.65),
    "可以": (("can", "could", "may"), 0.6),
    "非常": (("very", "extremely", "really", "pretty", "highly", "so"), 0.6),
    "十分": (("very", "extremely", "really", "quite"), 0.6),
    "很": (("very", "quite", "really"), 0.6),
    "太": (("too", "so"), 0.6),
    "最": (("most",), 0.6),
    "更": (("more", "even"), 0.6),
    "这么": (("so", "such"), 0.6),
    "那么": (("so", "such"), 0.6),
    "什么": (("what",), 0.65),
    "如何": (("how",), 0.65),
    "怎么": (("how", "why"), 0.65),
    "怎样": (("how",), 0.65),
    "为什么": (("why",), 0.7),
    "谁": (("who", "whom", "whose"), 0.65),
    "哪里": (("where",), 0.65),
    "多少": (("how", "much", "many"), 0.6),
}


def _en_closed_forms(word: str) -> tuple[str, ...]:
    low = word.lower().replace("’", "'")
    forms = [low.split("'")[0]]
    if low.endswith("n't") or low == "cannot":
        forms.append("n't")
    return tuple(forms)


# Adverb particles of phrasal verbs: part of a phrase (get up, give up, go
# out), never a match on their own.
_PARTICLES = frozenset(("up", "out", "off", "down", "back", "away", "over"))


def _not_a_meaning(definition: str) -> bool:
    """A cross-reference or note (as the dictionary reads them), or a literal gloss ("lit. …")."""
    return bool(SKIP_DEFINITION.match(definition)) or definition.lower().startswith("lit. ")


_PARENTHESIS = re.compile(r"\(([^)]*)\)")
_DEFINITION_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Za-z][A-Za-z'’\-]*")


@dataclass(frozen=True)
class _Gloss:
    """What one Chinese word can become in English: single keys and multi-word phrases."""

    keys: dict[str, float] = field(default_factory=dict)
    phrases: tuple[tuple[tuple[str, ...], float], ...] = ()


def _definition_keys(text: str, proper: bool) -> tuple[list[str], list[str], list[str]]:
    """Keys of a definition's content words; the same as phrase parts (hyphens split);
    and the parts of hyphenated words, which also match on their own, more weakly."""
    if proper:  # "Vladimir Putin (1952-), president of Russia": the name is the head
        text = text.split(",")[0]
    words = _DEFINITION_WORD.findall(text)
    keys: list[str] = []
    parts: list[str] = []
    pieces_only: list[str] = []
    described = False
    for word in words:
        acronym = _acronym(word)
        if acronym and (proper or "." in word or len(acronym) > 2):
            keys.append(acronym)
            parts.append(acronym)
            continue
        low = word.lower().strip("'’-")
        if proper and not word[0].isupper():
            # "Sichuan province in southwest China": past a common word the
            # names are a description, not the name itself.
            described = described or low not in EN_STOP_WORDS
            continue
        if proper and described:
            continue
        if low in _PARTICLES and parts:
            parts.append(low)
            if low not in EN_STOP_WORDS:  # "back" also means something alone
                keys.append(_normalize(low))
            continue
        if low in EN_STOP_WORDS or len(low) < 2:
            continue
        # A name's words match only capitalised English words: 英国 "Great
        # Britain" must not light the adjective "great".
        mark = _NAME_MARK if proper else ""
        keys.append(mark + _normalize(low))
        pieces = [p for p in low.split("-") if len(p) > 1 and p not in EN_STOP_WORDS]
        if len(pieces) > 1:
            parts.extend(mark + _normalize(p) for p in pieces)
            pieces_only.extend(mark + _normalize(p) for p in pieces)
        else:
            parts.append(keys[-1])
    return keys, parts, pieces_only


@lru_cache(maxsize=200_000)
def _gloss(word: str) -> _Gloss:
    """Weighted English keys of ``word`` from its CC-CEDICT entries.

    A key that is a whole definition ("howitzer", "to tell") weighs 1; a key
    inside a longer definition weighs less, and the whole definition is also
    kept as a phrase that weighs 1 when it appears word for word. Later
    definitions weigh a little less; single characters, whose glosses run
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
                    acronym = _acronym(inner.strip())
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
    return _Gloss(keys, tuple(phrases.items()))


def _is_surname_only(word: str, keys: list[str]) -> bool:
    """Whether a Chinese name transliterates only the last of a Western name's parts."""
    zs = anchors.name_skeleton_pinyin(word)
    es = anchors.name_skeleton_en(keys[-1].lstrip(_NAME_MARK))
    return len(zs) >= 3 and (zs == es or _edit_distance(zs, es) <= 1)


@lru_cache(maxsize=100_000)
def _compound_gloss(word: str) -> _Gloss:
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
        if piece not in ZH_FUNCTION_WORDS and not (known and _is_name_entry(piece)):
            factor = 0.9 if len(piece) > 1 else 0.75
            gloss = _gloss(piece)
            for key, weight in gloss.keys.items():
                keys[key] = max(keys.get(key, 0.0), weight * factor)
            phrases.extend((p, w * factor) for p, w in gloss.phrases)
        start = end
    return _Gloss(keys, tuple(phrases))


@lru_cache(maxsize=100_000)
def _pinyin(word: str) -> str:
    return "".join(anchors.pinyin_syllables(word))


def _is_han(token: str) -> bool:
    return bool(HAN_RE.search(token))


def _is_zh_word(token: str) -> bool:
    return _is_han(token) or any(ch.isalnum() for ch in token)


# --- Numbers --------------------------------------------------------------------------------

_ZH_NUM = "〇零一二两三四五六七八九十百千万亿"
_ZH_NUMBER_SPAN = re.compile(
    r"(?:星期|礼拜|周)[一二三四五六日天]"
    r"|(?:百分之|千分之)?(?:\d+(?:[.,:]\d+)*|[" + _ZH_NUM + r"]+(?:点[" + _ZH_NUM + r"]+)?)"
    r"[万亿]?(?:年|月|日|号|%|％)?"
)
_DATE_UNITS = {
    "年": lambda keys: any(k[1:].isdigit() and int(k[1:]) >= 1000 for k in keys if k[0] == "#"),
    "月": lambda keys: any(k.startswith("month:") for k in keys),
    "日": lambda keys: any(k[1:].isdigit() and int(k[1:]) <= 31 for k in keys if k[0] == "#"),
    "号": lambda keys: any(k[1:].isdigit() and int(k[1:]) <= 31 for k in keys if k[0] == "#"),
}
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_EN_SCALES = frozenset(("hundred", "thousand", "million", "billion", "trillion"))
_EN_NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety".split()
)


@lru_cache(maxsize=50_000)
def _zh_span_keys(span: str) -> frozenset[str]:
    keys = anchors.numbers_zh(span)
    if not keys and "点" in span:  # 三点四十五(分): a clock time, not a decimal
        keys = [k for piece in span.split("点") if piece for k in anchors.numbers_zh(piece)]
    return frozenset(keys)


def _zh_number_keys(zh_tokens: list[str]) -> list[frozenset[str]]:
    """Number keys per Chinese token; a number cut into several tokens gives each the keys."""
    text = "".join(zh_tokens)
    starts = []
    pos = 0
    for token in zh_tokens:
        starts.append(pos)
        pos += len(token)
    out: list[frozenset[str]] = [frozenset()] * len(zh_tokens)
    for m in _ZH_NUMBER_SPAN.finditer(text):
        keys = _zh_span_keys(m.group())
        if not keys:
            continue
        for i, token in enumerate(zh_tokens):
            a, b = starts[i], starts[i] + len(token)
            if b <= m.start() or a >= m.end():
                continue
            inside = a >= m.start() and b <= m.end()
            # 十分 ("very") holds 十 but is no number; only a token that reads
            # as a number by itself, or lies wholly inside the number, takes it.
            if not (inside or anchors.numbers_zh(token)):
                continue
            # A bare unit joins its number only in a date (2023年, 9月, 11日):
            # the 年 of 五年 is "years", not "five".
            if token in _DATE_UNITS and not _DATE_UNITS[token](keys):
                continue
            out[i] = out[i] | keys
    return out


def _en_number_keys(words: list[str]) -> list[frozenset[str]]:
    """Number keys per English word; "three hundred and twenty" gives each word #320."""
    out: list[frozenset[str]] = [frozenset()] * len(words)
    j = 0
    while j < len(words):
        low = words[j].lower()
        if low[:1].isdigit() or low in _EN_NUMBER_WORDS or low in _EN_SCALES:
            k = j + 1
            while k < len(words) and (
                words[k].lower() in _EN_SCALES
                or (not low[:1].isdigit() and words[k].lower() in _EN_NUMBER_WORDS | {"and"})
            ):
                k += 1
            while k > j + 1 and words[k - 1].lower() == "and":
                k -= 1
            keys = frozenset(anchors.numbers_en(" ".join(words[j:k])))
            for m in range(j, k):
                if words[m].lower() != "and":
                    out[m] = keys
            j = k
            continue
        if low == "may" and j + 1 < len(words) and words[j + 1][:1].isdigit():
            out[j] = frozenset(("month:5", "#5"))
        elif words[j][:1].isupper() or low in _WEEKDAYS:
            out[j] = frozenset(anchors.numbers_en(words[j]))
        j += 1
    return out


# --- Linking --------------------------------------------------------------------------------

_DISTORTION = 0.25  # score lost per unit of relative-position difference
_MIN_SCORE = 0.5
_STRONG = 0.75  # candidates at least this good are placed before the others


@dataclass
class _Candidate:
    score: float
    zh: tuple[int, ...]  # positions among the Chinese words
    en: tuple[int, ...]  # positions among the English words
    kind: str


def link_words(zh_tokens: list[str], en_tokens: list[str]) -> list[tuple[int, int]]:
    """Links (index into ``zh_tokens``, index into ``en_tokens``) between corresponding words."""
    zh_idx = [i for i, t in enumerate(zh_tokens) if _is_zh_word(t)]
    en_idx = [j for j, t in enumerate(en_tokens) if is_en_word(t)]
    if not zh_idx or not en_idx:
        return []
    zh = [zh_tokens[i] for i in zh_idx]
    en = [en_tokens[j] for j in en_idx]
    # Two English words are "together" when only function words or punctuation
    # lie between them in the token list: North Korea, Chiefs of Staff.
    en_next = _content_neighbours(en)

    candidates: list[_Candidate] = []
    candidates += _gloss_candidates(zh, zh_idx, en, en_next)
    candidates += _latin_candidates(zh, en)
    candidates += _number_candidates(zh_tokens, zh_idx, en)
    candidates += _name_candidates(zh, zh_idx, en)
    candidates += _closed_class_candidates(zh, en)

    # Strong evidence first, then the weak (closed-class words, parts of
    # compounds). Position only decides between rivals: a candidate whose
    # words nothing else claims keeps its score however far apart they stand.
    # Strong rivals are told apart by relative position in the sentence; weak
    # ones by where the strong links next to them point, because translation
    # reorders clauses and pronouns repeat.
    nz, ne = len(zh), len(en)
    contested = _contested(candidates)
    strong = [c for c in candidates if c.score >= _STRONG]
    weak = [c for c in candidates if c.score < _STRONG]
    for c in strong:
        if id(c) in contested:
            c.score -= _DISTORTION * _global_distortion(c, nz, ne)
    state = _Links()
    _accept(strong, state, en_next)
    if weak:
        anchors_ = sorted((i, j) for i, js in state.zh_links.items() for j in js)
        for c in weak:
            if id(c) in contested:
                c.score -= _local_distortion(c, anchors_)
        _accept(weak, state, en_next)
    return sorted((zh_idx[i], en_idx[j]) for i, j in state.links)


def _contested(candidates: list[_Candidate]) -> set[int]:
    """Candidates with a rival: another Chinese word for one of their English words, or
    English words far apart for one of their Chinese words (他 → he ... his)."""
    en_rivals: dict[int, set[tuple[int, ...]]] = {}
    zh_targets: dict[int, list[int]] = {}
    for c in candidates:
        for j in c.en:
            en_rivals.setdefault(j, set()).add(c.zh)
        for i in c.zh:
            zh_targets.setdefault(i, []).extend(c.en)
    out = set()
    for c in candidates:
        if any(len(en_rivals[j]) > 1 for j in c.en) or any(
            max(zh_targets[i]) - min(zh_targets[i]) > 3 for i in c.zh
        ):
            out.add(id(c))
    return out


@dataclass
class _Links:
    zh_links: dict[int, set[int]] = field(default_factory=dict)
    en_taken: set[int] = field(default_factory=set)
    links: set[tuple[int, int]] = field(default_factory=set)


def _global_distortion(c: _Candidate, nz: int, ne: int) -> float:
    pz = (sum(c.zh) / len(c.zh) + 0.5) / nz
    pe = (sum(c.en) / len(c.en) + 0.5) / ne
    return abs(pz - pe)


def _local_distortion(c: _Candidate, anchors_: list[tuple[int, int]]) -> float:
    """Penalty for straying from where the nearest strong links put this word."""
    if not anchors_:
        return 0.0
    i = sum(c.zh) / len(c.zh)
    j = sum(c.en) / len(c.en)
    nearest = sorted(anchors_, key=lambda a: abs(a[0] - i))[:2]
    miss = min(abs(j - (aj + (i - ai))) for ai, aj in nearest)
    return min(0.3, 0.03 * miss)


def _accept(candidates: list[_Candidate], state: _Links, en_next: list[set[int]]) -> None:
    candidates.sort(key=lambda c: (-c.score, c.zh, c.en))
    for c in candidates:
        if c.score < _MIN_SCORE or any(j in state.en_taken for j in c.en):
            continue
        if any(i in state.zh_links for i in c.zh):
            # A Chinese word already linked takes more English words only
            # when they stand next to the ones it has (锡杯 → tin, cup).
            linked = set().union(*(state.zh_links.get(i, set()) for i in c.zh))
            if not all(any(j in en_next[k] or k in en_next[j] for k in linked) for j in c.en):
                continue
        for i in c.zh:
            state.zh_links.setdefault(i, set()).update(c.en)
            state.links.update((i, j) for j in c.en)
        state.en_taken.update(c.en)


def _content_neighbours(en: list[str]) -> list[set[int]]:
    """For each English word, the next word and the next that is not a function word."""
    out: list[set[int]] = [{j + 1} if j + 1 < len(en) else set() for j in range(len(en))]
    for j in range(len(en)):
        k = j + 1
        while k < len(en) and en[k].lower() in EN_STOP_WORDS and k - j <= 3:
            k += 1
        if k < len(en):
            out[j].add(k)
    return out


def _gloss_candidates(
    zh: list[str], zh_idx: list[int], en: list[str], en_next: list[set[int]]
) -> list[_Candidate]:
    by_key: dict[str, list[tuple[int, float]]] = {}
    for j, word in enumerate(en):
        for key, trust in _en_keys(word):
            by_key.setdefault(key, []).append((j, trust))
    out: list[_Candidate] = []
    for i, token in enumerate(zh):
        if not _is_han(token) or token in ZH_FUNCTION_WORDS or token in _CLOSED_CLASS:
            continue
        gloss = _gloss(token)
        if gloss.keys:
            out += _gloss_matches(gloss, (i,), by_key, en_next)
        if len(token) > 2 or (not gloss.keys and len(token) > 1 and not dictionary.is_word(token)):
            # Long words are often compounds the dictionary glosses loosely
            # (联合声明 "joint declaration" for "joint statement"): their parts too.
            out += _gloss_matches(_compound_gloss(token), (i,), by_key, en_next)
        # A name jieba cut in two (马克 + 龙 for 马克龙 Macron).
        for n in (2, 3):
            if i + n > len(zh) or zh_idx[i + n - 1] != zh_idx[i] + n - 1:
                break
            joined = "".join(zh[i : i + n])
            if _is_han(joined) and dictionary.is_proper_name(joined):
                out += _gloss_matches(_gloss(joined), tuple(range(i, i + n)), by_key, en_next)
    return out


def _gloss_matches(
    gloss: _Gloss,
    zh: tuple[int, ...],
    by_key: dict[str, list[tuple[int, float]]],
    en_next: list[set[int]],
) -> list[_Candidate]:
    out = []
    best: dict[int, float] = {}
    for key, weight in gloss.keys.items():
        for j, trust in by_key.get(key, ()):
            best[j] = max(best.get(j, 0.0), weight * trust)
    for phrase, weight in gloss.phrases:
        for j, trust in by_key.get(phrase[0], ()):
            run = [j]
            for key in phrase[1:]:
                nxt = next((k for k, _ in by_key.get(key, ()) if k in en_next[run[-1]]), None)
                if nxt is None:
                    break
                run.append(nxt)
            if len(run) == len(phrase):
                out.append(_Candidate(weight * trust + 0.05, zh, tuple(run), "phrase"))
    out.extend(_Candidate(s, zh, (j,), "gloss") for j, s in best.items())
    return out


def _latin_candidates(zh: list[str], en: list[str]) -> list[_Candidate]:
    out = []
    for i, token in enumerate(zh):
        if _is_han(token) or not any(ch.isalpha() for ch in token):
            continue
        low = token.lower()
        out.extend(
            _Candidate(1.0, (i,), (j,), "latin") for j, w in enumerate(en) if w.lower() == low
        )
    return out


def _number_candidates(zh_tokens: list[str], zh_idx: list[int], en: list[str]) -> list[_Candidate]:
    zh_keys = _zh_number_keys(zh_tokens)
    keyed = [(n, zh_keys[i]) for n, i in enumerate(zh_idx) if zh_keys[i]]
    if not keyed:
        return []
    en_keys = _en_number_keys(en)
    out = []
    # Tokens of one Chinese number (2023 + 年) link together, as do the words
    # of one English number (three hundred twenty).
    groups: list[tuple[frozenset[str], list[int]]] = []
    for n, keys in keyed:
        if groups and groups[-1][1][-1] == n - 1 and groups[-1][0] == keys:
            groups[-1][1].append(n)
        else:
            groups.append((keys, [n]))
    en_groups: dict[frozenset[str], list[int]] = {}
    for j, keys in enumerate(en_keys):
        if keys:
            en_groups.setdefault(keys, []).append(j)
    for zk, zs in groups:
        for ek, js in en_groups.items():
            shared = len(zk & ek)
            if not shared:
                continue
            score = 1.0 if shared > 1 or any(":" in k for k in zk & ek) else 0.9
            for run in _runs(js):
                out.append(_Candidate(score, tuple(zs), tuple(run), "number"))
    return out


def _runs(positions: list[int]) -> list[list[int]]:
    """Split sorted positions into runs of neighbours, allowing one word between."""
    runs: list[list[int]] = []
    for p in positions:
        if runs and p - runs[-1][-1] <= 2:
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


def _name_candidates(zh: list[str], zh_idx: list[int], en: list[str]) -> list[_Candidate]:
    caps = [
        j
        for j, w in enumerate(en)
        if w[:1].isupper() and w.lower() not in EN_STOP_WORDS and w.replace("-", "").isalpha()
    ]
    if not caps:
        return []
    out: list[_Candidate] = []
    # Pinyin written out: 习近平 ↔ Xi Jinping, 小王 ↔ Xiao Wang, 南京 ↔ Nanjing.
    spelled: dict[str, tuple[int, ...]] = {}
    for n in range(len(caps)):
        run: list[int] = []
        for j2 in caps[n : n + 3]:
            if run and j2 != run[-1] + 1:
                break
            run.append(j2)
            key = "".join(en[k] for k in run).lower().replace("-", "")
            spelled.setdefault(key, tuple(run))
    for i, token in enumerate(zh):
        if not _is_han(token) or token in ZH_FUNCTION_WORDS or token in _CLOSED_CLASS:
            continue
        run = spelled.get(_pinyin(token))
        if run and (len(token) > 1 or run[0] > 0):
            out.append(_Candidate(0.95, (i,), run, "pinyin"))
        elif len(token) > 1 and _is_surname(token[0]) and dictionary.is_word(token[1:]):
            # Surname and title in one token: 李老师 ↔ Li, 王医生 ↔ Wang.
            run = spelled.get(_pinyin(token[0]))
            if run and len(run) == 1 and run[0] > 0:
                out.append(_Candidate(0.8, (i,), run, "pinyin"))
    # Transliterations: runs of transliteration characters that the dictionary
    # does not know as one common word (米利, 拉德 + 达茨, 玛莎).
    skeletons = {j: anchors.name_skeleton_en(en[j]) for j in caps}
    for run in _translit_runs(zh, zh_idx):
        hanzi = "".join(zh[i] for i in run)
        zs = anchors.name_skeleton_pinyin(hanzi)
        if len(zs) < 2:
            continue
        for j, es in skeletons.items():
            if es == zs:
                score = 0.9 if len(zs) >= 3 else 0.8
            elif len(zs) >= 4 and len(es) >= 4 and _edit_distance(zs, es) == 1:
                score = 0.7
            else:
                continue
            out.append(_Candidate(score, tuple(run), (j,), "name"))
    return out


def _translit_runs(zh: list[str], zh_idx: list[int]) -> list[list[int]]:
    """Runs of adjacent tokens in transliteration characters that read as a name.

    A run stops at anything else, including the "·" between given name and
    surname (马克·米利 is two names). It is a name when the dictionary does
    not know it as a common word and it is more than one token (米 + 利) or
    holds a token the dictionary lacks or knows as a name.
    """
    runs: list[list[int]] = []
    for i, token in enumerate(zh):
        if not (_is_han(token) and all(ch in anchors.TRANSLIT_CHARS for ch in token)):
            continue
        if runs and zh_idx[runs[-1][-1]] == zh_idx[i] - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return [run for run in runs if _reads_as_name([zh[k] for k in run])]


def _reads_as_name(tokens: list[str]) -> bool:
    hanzi = "".join(tokens)
    if len(hanzi) < 2 or (dictionary.is_word(hanzi) and not _is_name_entry(hanzi)):
        return False
    return len(tokens) > 1 or not dictionary.is_word(hanzi) or dictionary.is_proper_name(hanzi)


@lru_cache(maxsize=10_000)
def _is_surname(char: str) -> bool:
    return any(d.startswith("surname ") for e in dictionary.lookup(char) for d in e.definitions)


def _is_name_entry(word: str) -> bool:
    return any(e.pinyin[:1].isupper() for e in dictionary.lookup(word))


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _closed_class_candidates(zh: list[str], en: list[str]) -> list[_Candidate]:
    out = []
    en_forms = None
    for i, token in enumerate(zh):
        known = _CLOSED_CLASS.get(token)
        if not known:
            continue
        forms, score = known
        if en_forms is None:
            en_forms = [_en_closed_forms(word) for word in en]
        out.extend(
            _Candidate(score, (i,), (j,), "closed")
            for j, word_forms in enumerate(en_forms)
            if any(f in forms for f in word_forms)
        )
    return out
