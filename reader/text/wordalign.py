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

The Chinese tokens are the segmenter's, the English ones ``english.tokenize``'s;
what a word can become comes from ``translations``, names from ``names``,
numbers from ``anchors``::

    >>> link_words(["普京", "用", "榴弹炮"], english.tokenize("Putin's howitzer"))
    [(0, 0), (2, 3)]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from reader.text import anchors, dictionary, english, names
from reader.text.lexicon import HAN_RE, ZH_FUNCTION_WORDS
from reader.text.orthography import toneless
from reader.text.translations import (
    Translations,
    compound_translations,
    english_keys,
    translations,
)

__all__ = ["link_words"]

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


@lru_cache(maxsize=20_000)
def _en_closed_forms(word: str) -> tuple[str, ...]:
    low = word.lower().replace("’", "'")
    forms = [low.split("'")[0]]
    if low.endswith("n't") or low == "cannot":
        forms.append("n't")
    return tuple(forms)


@lru_cache(maxsize=50_000)
def _zh_kind(token: str) -> tuple[bool, bool, bool]:
    """Whether a Chinese token can link at all (Han, or letters and digits), whether it
    is Han, and whether it is a content word, which the dictionary and the names link
    (neither a function word, never linked, nor a closed-class one, linked by its list)."""
    han = bool(HAN_RE.search(token))
    return (
        han or any(ch.isalnum() for ch in token),
        han,
        han and token not in ZH_FUNCTION_WORDS and token not in _CLOSED_CLASS,
    )


_DISTORTION = 0.25  # score lost per unit of relative-position difference
_MIN_SCORE = 0.5
_STRONG = 0.75  # candidates at least this good are placed before the others


@dataclass(slots=True)
class _Candidate:
    score: float
    zh: tuple[int, ...]  # positions among the Chinese words
    en: tuple[int, ...]  # positions among the English words
    kind: str


def link_words(
    zh_tokens: list[str], en_tokens: list[str], readings: list[tuple[str, ...]] | None = None
) -> list[tuple[int, int]]:
    """Links (index into ``zh_tokens``, index into ``en_tokens``) between corresponding words.

    ``readings`` are the Chinese tokens' syllables when they are known (the
    pipeline has them): names are then matched by the reading the page shows.
    """
    kinds = [_zh_kind(t) for t in zh_tokens]
    zh_idx = [i for i, kind in enumerate(kinds) if kind[0]]
    en_idx = [j for j, t in enumerate(en_tokens) if t[:1].isalnum()]  # english.is_word
    if not zh_idx or not en_idx:
        return []
    zh = [zh_tokens[i] for i in zh_idx]
    han = [kinds[i][1] for i in zh_idx]
    content = [kinds[i][2] for i in zh_idx]
    en = [en_tokens[j] for j in en_idx]
    # Two English words are "together" when only function words or punctuation
    # lie between them in the token list: North Korea, Chiefs of Staff.
    en_next = _content_neighbours(en)

    candidates: list[_Candidate] = []
    candidates += _dictionary_candidates(zh, zh_idx, content, en, en_next)
    candidates += _latin_candidates(zh, han, en)
    candidates += _number_candidates(zh_tokens, zh_idx, en)
    candidates += _name_candidates(
        zh_tokens,
        zh,
        zh_idx,
        content,
        en,
        None if readings is None else [readings[i] for i in zh_idx],
    )
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
    shared_en = {j for j, rivals in en_rivals.items() if len(rivals) > 1}
    spread_zh = {i for i, js in zh_targets.items() if max(js) - min(js) > 3}
    return {
        id(c)
        for c in candidates
        if not shared_en.isdisjoint(c.en) or not spread_zh.isdisjoint(c.zh)
    }


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
        if c.score < _MIN_SCORE or not state.en_taken.isdisjoint(c.en):
            continue
        if not state.zh_links.keys().isdisjoint(c.zh):
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
    stop = [word.lower() in english.STOP_WORDS for word in en]
    for j in range(len(en)):
        k = j + 1
        while k < len(en) and stop[k] and k - j <= 3:
            k += 1
        if k < len(en):
            out[j].add(k)
    return out


def _dictionary_candidates(
    zh: list[str], zh_idx: list[int], content: list[bool], en: list[str], en_next: list[set[int]]
) -> list[_Candidate]:
    by_key: dict[str, list[tuple[int, float]]] = {}
    for j, word in enumerate(en):
        for key, trust in english_keys(word):
            by_key.setdefault(key, []).append((j, trust))
    out: list[_Candidate] = []
    for i, token in enumerate(zh):
        if not content[i]:
            continue
        found = translations(token)
        if found.keys:
            out += _matches(found, (i,), by_key, en_next)
        if len(token) > 2 or (not found.keys and len(token) > 1 and not dictionary.is_word(token)):
            # Long words are often compounds the dictionary renders loosely
            # (联合声明 "joint declaration" for "joint statement"): their parts too.
            out += _matches(compound_translations(token), (i,), by_key, en_next)
    # A name jieba cut in two or three (马克 + 龙 for 马克龙 Macron), starting at
    # a content word, with no token between its parts.
    joins = [
        (tuple(range(i, i + n)), "".join(zh[i : i + n]))
        for i in range(len(zh))
        if content[i]
        for n in (2, 3)
        if i + n <= len(zh) and zh_idx[i + n - 1] == zh_idx[i] + n - 1
    ]
    proper = dictionary.proper_names(joined for _, joined in joins)  # one query, if any
    for span, joined in joins:
        if joined in proper:
            out += _matches(translations(joined), span, by_key, en_next)
    return out


def _matches(
    found: Translations,
    zh: tuple[int, ...],
    by_key: dict[str, list[tuple[int, float]]],
    en_next: list[set[int]],
) -> list[_Candidate]:
    out = []
    best: dict[int, float] = {}
    for key in found.keys.keys() & by_key.keys():  # a handful, of many on either side
        weight = found.keys[key]
        for j, trust in by_key[key]:
            best[j] = max(best.get(j, 0.0), weight * trust)
    for phrase, weight in found.phrases:
        for j, trust in by_key.get(phrase[0], ()):
            run = [j]
            for key in phrase[1:]:
                nxt = next((k for k, _ in by_key.get(key, ()) if k in en_next[run[-1]]), None)
                if nxt is None:
                    break
                run.append(nxt)
            if len(run) == len(phrase):
                out.append(_Candidate(weight * trust + 0.05, zh, tuple(run), "phrase"))
    out += [_Candidate(s, zh, (j,), "dictionary") for j, s in best.items()]
    return out


def _latin_candidates(zh: list[str], han: list[bool], en: list[str]) -> list[_Candidate]:
    out: list[_Candidate] = []
    for i, token in enumerate(zh):
        if han[i] or not any(ch.isalpha() for ch in token):
            continue
        low = token.lower()
        out.extend(
            _Candidate(1.0, (i,), (j,), "latin") for j, w in enumerate(en) if w.lower() == low
        )
    return out


def _number_candidates(zh_tokens: list[str], zh_idx: list[int], en: list[str]) -> list[_Candidate]:
    zh_keys = anchors.zh_number_keys(zh_tokens)
    keyed = [(n, zh_keys[i]) for n, i in enumerate(zh_idx) if zh_keys[i]]
    if not keyed:
        return []
    en_keys = anchors.en_number_keys(en)
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


def _name_candidates(
    zh_tokens: list[str],
    zh: list[str],
    zh_idx: list[int],
    content: list[bool],
    en: list[str],
    readings: list[tuple[str, ...]] | None,
) -> list[_Candidate]:
    caps = [
        j
        for j, w in enumerate(en)
        if w[:1].isupper() and w.lower() not in english.STOP_WORDS and w.replace("-", "").isalpha()
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
        if not content[i]:
            continue
        spelled_token = toneless("".join(readings[i])) if readings else names.spelled_pinyin(token)
        found = spelled.get(spelled_token)
        if found and (len(token) > 1 or found[0] > 0):
            out.append(_Candidate(0.95, (i,), found, "pinyin"))
        elif len(token) > 1 and names.is_surname(token[0]) and dictionary.is_word(token[1:]):
            # Surname and title in one token: 李老师 ↔ Li, 王医生 ↔ Wang.
            found = spelled.get(names.spelled_pinyin(token[0]))
            if found and len(found) == 1 and found[0] > 0:
                out.append(_Candidate(0.8, (i,), found, "pinyin"))
    # Transliterations: runs of transliteration characters that the dictionary
    # does not know as one common word (米利, 拉德 + 达茨, 玛莎).
    runs = names.name_runs(zh_tokens)
    if not runs:
        return out
    skeletons = {j: names.name_skeleton_en(en[j]) for j in caps}
    word_at = {i: n for n, i in enumerate(zh_idx)}
    for start, end in runs:
        run = [word_at[i] for i in range(start, end)]
        hanzi = "".join(zh_tokens[start:end])
        zs = names.name_skeleton_pinyin(hanzi)
        if len(zs) < 2:
            continue
        for j, es in skeletons.items():
            if es == zs:
                score = 0.9 if len(zs) >= 3 else 0.8
            elif len(zs) >= 4 and len(es) >= 4 and names.edit_distance(zs, es) == 1:
                score = 0.7
            else:
                continue
            out.append(_Candidate(score, tuple(run), (j,), "name"))
    return out


def _closed_class_candidates(zh: list[str], en: list[str]) -> list[_Candidate]:
    out = []
    at: dict[str, list[int]] | None = None  # English form → its positions
    for i, token in enumerate(zh):
        known = _CLOSED_CLASS.get(token)
        if not known:
            continue
        forms, score = known
        if at is None:
            at = {}
            for j, word in enumerate(en):
                for form in _en_closed_forms(word):
                    at.setdefault(form, []).append(j)
        js = sorted({j for form in forms for j in at.get(form, ())})
        out += [_Candidate(score, (i,), (j,), "closed") for j in js]
    return out
