"""Per-unit features for the aligner: what each paragraph or sentence can match.

A *unit* (a paragraph or a sentence) becomes a list of *items*, each with a
set of *keys*. A Chinese item matches an English item when they share a key:

    Chinese 武器 (a word)       keys {"arm", "weapon"}         (CC-CEDICT definitions)
    Chinese 2023年9月11日        items "#2023", "#9"+"month:9", "#11"
    Chinese ABC (Latin inside)  keys {"abc"}
    Chinese 拉达茨 (a name)      keys {"py:ladaci", "sk:LTS"}   (pinyin, sound skeleton)
    English weapons             keys {"weapon"}
    English Raddatz             keys {"raddatz", "py:raddatz", "sk:LTS"}

Items are numbered per unit so that "which items found a partner" is a bit
mask: ``Unit.key_bits[key]`` is the mask of the items holding ``key``. The
aligner intersects key sets (fast, in C) and ORs masks, never loops over
words. Anchor items (numbers, Latin words, names, quotation marks) are
marked in ``Unit.anchor_mask``: they are rarer than dictionary words, so a
match means more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reader.text import anchors, english, names
from reader.text.dictionary import english_words
from reader.text.lexicon import (
    EN_NUMBER_WORDS,
    EN_SCALES,
    HAN_RE,
    ZH_COMMON_WORDS,
    ZH_FUNCTION_WORDS,
    ZH_NUMERALS,
)
from reader.text.words import split_words

__all__ = ["Unit", "zh_unit", "en_unit", "merge_units"]

_ZH_QUOTES = re.compile(r"[“”\"「」『』]")
_EN_QUOTES = re.compile(r"[“”\"]")
_SENTENCE_END = frozenset(".!?")
# Paratext: the lines around an article that translators leave out (captions,
# credits, bylines, "Related:" links, editor's notes). Recognised by shape (short,
# no sentence-final punctuation, or wholly in brackets) or by a conventional
# opening; this only shifts the odds, the words still decide.
_ZH_PARATEXT = re.compile(
    r"^\s*(?:[（(].*[)）]"
    # A conventional opening and a separator: 相关阅读：…, 编者按：…, 文 / 林远
    r"|(?:图|圖|表|相关阅读|相關閱讀|相关新闻|相關新聞|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|"
    r"编者按|編者按|编者注|編者注|译者注|譯者注|责任编辑|責任編輯|编辑|編輯|來源|来源|原标题|"
    r"原標題|作者|译者|譯者|校对|校對|审核|審核|记者|記者|通讯员|通訊員|文|摄影|攝影)"
    r"\s*[:：/／ 　].*"
    # Openings that need no separator: 图为…, 本文…, 本报讯
    r"|(?:图为|圖為|图片|圖片|本文|本报讯|本報訊|点击|點擊|扫码|掃碼).*"
    # Credits and bylines at the end: …摄, …报道, 王安忆 著, 李明/中国日报
    r"|.*(?:摄|攝|报道|報道)\s*[)）]?"
    r"|[^，。,.]{1,12}[\s　]+(?:著|译|譯|编译|編譯|整理|撰文|撰)"
    r"|[^\s，。,./／]{2,12}\s*[/／]\s*[^，。,.]{2,16}"
    # A dateline on its own line: 新华社江州11月3日电（记者 赵晨阳）
    r"|.{0,16}?\d{1,2}月\d{1,2}日[电電](?:\s*[（(][^）)]*[)）])?)\s*$"
)
_EN_PARATEXT = re.compile(
    r"^\s*(?:\(.*\)|\[.*\]|(?i:related|read more|see also|photo|photograph|image|credit|"
    r"editor's note|editor’s note|translator's note|translator’s note|interview by|"
    r"translated|advertisement|back to top|source|reporting by|additional reporting|"
    r"copyright|©|text as (?:prepared|delivered)|as prepared for delivery|"
    r"the views expressed|subscribe|sign up|follow us|share this)\b.*"
    # A byline: short, "By" and a capitalised name (not "By the time ...").
    r"|[Bb]y\s+(?:[A-Z][\w’'.-]+\s*)+(?:(?:in|and|,)\s+[A-Z][\w’'.-]+\s*)*\.?)\s*$",
)
# Interview turns: 问：/答： and Q:/A: open the same paragraphs on the two sides.
_ZH_TURN = re.compile(r"^\s*[【\[]?(问|問|答)[】\]]?\s*[:：]")
_EN_TURN = re.compile(r"^\s*[\[]?([QA])[\]]?\s*[:.]\s")
_ZH_FINAL = re.compile(r"[。！？!?…”」』\"]\s*$")
_EN_FINAL = re.compile(r"[.!?…”\"]\s*$")


_ZH_HEADING = re.compile(r"^\s*[【\[].*[】\]]\s*$")  # 【制作步骤】 is translated, 【江州时评】 not


def is_paratext_zh(text: str) -> int:
    """2: a Chinese line opening like a caption, credit, byline or link; 1: shaped like one."""
    if _ZH_PARATEXT.match(text):
        return 2
    if _ZH_HEADING.match(text):
        return 1
    return int(len(text) <= 30 and not _ZH_FINAL.search(text))


def is_paratext_en(text: str) -> int:
    """2: an English line opening like a caption, credit, byline or link; 1: shaped like one."""
    if _EN_PARATEXT.match(text):
        return 2
    return int(len(text) <= 60 and not _EN_FINAL.search(text))


_MAX_MEANINGS = 24  # words with more English words than this match anything; names/anchors only
_EN_NOT_EVIDENCE = english.STOP_WORDS | EN_NUMBER_WORDS | frozenset(EN_SCALES)
_ZH_NOT_EVIDENCE = ZH_FUNCTION_WORDS | ZH_COMMON_WORDS
_COMMON_VERB_KEYS = frozenset(map(english.lemma, english.COMMON_VERBS))


@dataclass(slots=True)
class Unit:
    """The features of one paragraph or sentence."""

    length: int
    keys: frozenset[str]
    key_bits: dict[str, int]
    anchor_mask: int
    n_items: int
    n_anchors: int
    paratext: int = 0  # 2 conventional opening, 1 the shape of one, 0 prose


def _unit(items: list[tuple[frozenset[str] | set[str], bool]], length: int) -> Unit:
    key_bits: dict[str, int] = {}
    anchor_mask = 0
    n_anchors = 0
    # A word repeated ten times is one piece of evidence, not ten.
    unique = {frozenset(keys): is_anchor for keys, is_anchor in items}
    bit = 1
    for keys, is_anchor in unique.items():
        for k in keys:
            if k in key_bits:
                key_bits[k] |= bit
            else:
                key_bits[k] = bit
        if is_anchor:
            anchor_mask |= bit
            n_anchors += 1
        bit <<= 1
    return Unit(length, frozenset(key_bits), key_bits, anchor_mask, len(unique), n_anchors)


def merge_units(units: list[Unit]) -> Unit:
    """One unit for several (the sentences of a paragraph): items side by side."""
    if len(units) == 1:
        return units[0]
    key_bits: dict[str, int] = {}
    anchor_mask = shift = length = n_anchors = 0
    for unit in units:
        if not shift and not key_bits:  # the first unit: its masks as they are
            key_bits.update(unit.key_bits)
        else:
            for k, bits in unit.key_bits.items():
                if k in key_bits:
                    key_bits[k] |= bits << shift
                else:
                    key_bits[k] = bits << shift
        anchor_mask |= unit.anchor_mask << shift
        shift += unit.n_items
        length += unit.length
        n_anchors += unit.n_anchors
    return Unit(length, frozenset(key_bits), key_bits, anchor_mask, shift, n_anchors)


def text_length(text: str) -> int:
    """Characters without whitespace: the Gale-Church length of either language."""
    return len("".join(text.split()))  # str.split() cuts at the whitespace that \s matches


@lru_cache(maxsize=100_000)
def _name_keys(hanzi: str) -> frozenset[str]:
    syllables = names.pinyin_syllables(hanzi)
    keys = {"py:" + "".join(syllables)}
    if len(syllables) >= 2:
        # Chinese names in English are pinyin, surname and given name apart: 沙瑞山 → Sha Ruishan.
        keys |= {"py:" + syllables[0], "py:" + "".join(syllables[1:])}
    skeleton = names.name_skeleton_pinyin(hanzi)
    if len(skeleton) >= 2:
        keys.add("sk:" + skeleton)
    return frozenset(keys)


# What a Chinese token is before the dictionary is asked (see _zh_token).
_NO_EVIDENCE, _LATIN, _HAN_WORD = 0, 1, 2


@lru_cache(maxsize=100_000)
def _zh_token(token: str) -> tuple[int, tuple[frozenset[str], bool] | None]:
    """The kind of a token of Chinese text, and the item of a Latin word.

    A function of the token alone (the dictionary, which can be reconfigured,
    is asked afterwards), so a token met again costs a cache look-up.
    """
    if not HAN_RE.match(token):
        if token[0].isalpha():
            return _LATIN, (frozenset({english.lemma(token)}), True)
        return _NO_EVIDENCE, None  # punctuation, digits
    if token in _ZH_NOT_EVIDENCE or all(ch in ZH_NUMERALS for ch in token):
        return _NO_EVIDENCE, None
    return _HAN_WORD, None


def zh_unit(text: str, tokens: list[str] | None = None) -> Unit:
    """Features of a Chinese paragraph or sentence (traditional characters work too).

    ``tokens`` are the text's words when they are known already (``split_words``).
    """
    items: list[tuple[frozenset[str] | set[str], bool]] = []
    if tokens is None:
        tokens = split_words(text)
    in_name = [False] * len(tokens)
    for i, j in names.name_runs(tokens):
        items.append((_name_keys("".join(tokens[i:j])), True))
        for k in range(i, j):
            in_name[k] = True
    for token, named in zip(tokens, in_name, strict=True):
        kind, item = _zh_token(token)
        if kind == _LATIN and item is not None:
            items.append(item)
            continue
        if kind == _NO_EVIDENCE or (named and len(token) == 1):
            continue  # (and 米 of 米利 is not "rice")
        meanings = english_words(token)
        if not meanings and len(token) > 1 and not named:
            # Unknown to the dictionary and not a name: fall back on its characters.
            meanings = frozenset().union(
                *(english_words(ch) for ch in token if ch not in _ZH_NOT_EVIDENCE)
            )
        if 0 < len(meanings) <= _MAX_MEANINGS:
            items.append((meanings, False))
    for key in anchors.numbers_zh(text):
        items.append((frozenset({key}), True))
    if _ZH_QUOTES.search(text):
        items.append((frozenset({'"'}), True))
    turn = _ZH_TURN.match(text)
    if turn:
        items.append((frozenset({"turn:a" if turn.group(1) == "答" else "turn:q"}), True))
    unit = _unit(items, text_length(text))
    unit.paratext = is_paratext_zh(text)
    return unit


@lru_cache(maxsize=100_000)
def _en_word(token: str, at_start: bool) -> tuple[frozenset[str], bool] | None:
    """The item of an English word token (None: no evidence), ``at_start`` of a sentence.

    A function of the token alone, so a word met again costs a cache look-up.
    """
    if token.isupper() and len(token) > 1:
        return frozenset({english.lemma(token.replace(".", ""))}), True  # ABC, U.S.
    low = token.lower()
    if low in _EN_NOT_EVIDENCE or len(token) < 2:
        return None
    key = english.lemma(token)
    if key in _COMMON_VERB_KEYS:
        return None
    if token[0].isupper() and not at_start:
        # A capitalised word mid-sentence is probably a name: let it meet a transliteration.
        name = low.split("'")[0].split("’")[0]
        keys = {key, "py:" + name}
        skeleton = names.name_skeleton_en(name)
        if len(skeleton) >= 2:
            keys.add("sk:" + skeleton)
        return frozenset(keys), True
    return frozenset({key, "py:" + low}), False


def en_unit(text: str, tokens: list[str] | None = None) -> Unit:
    """Features of an English paragraph or sentence.

    ``tokens`` are the text's tokens when they are known already (``english.tokenize``).
    """
    items: list[tuple[frozenset[str] | set[str], bool]] = []
    words = []  # english.words(text), for the numbers
    sentence_start = True
    for token in english.tokenize(text) if tokens is None else tokens:
        if token[0].isalpha():
            words.append(token)
            item = _en_word(token, sentence_start)
            sentence_start = False
            if item is not None:
                items.append(item)
        elif english.is_word(token):
            words.append(token)  # a number: its keys come from anchors, below
        elif token in _SENTENCE_END:
            sentence_start = True
    for key in anchors.numbers_en(text, words=words):
        items.append((frozenset({key}), True))
    if _EN_QUOTES.search(text):
        items.append((frozenset({'"'}), True))
    turn = _EN_TURN.match(text)
    if turn:
        items.append((frozenset({"turn:" + turn.group(1).lower()}), True))
    unit = _unit(items, text_length(text))
    unit.paratext = is_paratext_en(text)
    return unit
