"""Per-unit features for the aligner: what each paragraph or sentence can match.

A *unit* (a paragraph or a sentence) becomes a list of *items*, each with a
set of *keys*. A Chinese item matches an English item when they share a key:

    Chinese 武器 (a word)       keys {"arm", "weapon"}         (CC-CEDICT glosses)
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

from reader.text import anchors
from reader.text.dictionary import EN_STOP_WORDS, gloss_words, is_proper_name, is_word
from reader.text.dictionary import normalize_en as _norm
from reader.text.segment import words

__all__ = ["Unit", "zh_unit", "en_unit", "merge_units", "words_zh"]

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_EN_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]*(?:\.[A-Za-z]\.?)*|[.!?]")
_SPACE = re.compile(r"\s+")
_ZH_QUOTES = re.compile(r"[“”\"「」『』]")
_EN_QUOTES = re.compile(r"[“”\"]")
# Chinese function words: their CC-CEDICT entries have content senses (的 "target",
# 了 "finish") that would match English text at random.
_ZH_STOP = frozenset(
    "的 了 是 在 和 与 及 也 都 就 又 还 而 但 并 或 把 被 让 给 对 从 向 到 为 以 于 之 其 "
    "这 那 这个 那个 这些 那些 他 她 它 他们 她们 我 我们 你 你们 自己 个 着 过 地 得 "
    "很 不 没 没有 有 要 会 能 可 可以 上 下 中 里 说 一 一个 吗 呢 吧 啊 呀 么 什么 "
    "怎么 如果 因为 所以 但是 而且 然后 时 时候 等 些 每 各 该 此 已 已经 将 正 才 只 "
    "再 更 最 太 非常 着 来 去 做 使 得到 但 却 若 即 由 由于 按 跟 同 向 往 之后 之前".split()
)
_EN_NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve twenty thirty "
    "forty fifty sixty seventy eighty ninety hundred thousand million billion".split()
)
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


_MAX_GLOSS = 24  # words with more senses than this match anything; keep only names/anchors


def words_zh(text: str) -> list[str]:
    """Chinese words, numbers and marks: ``reader.text.segment.words``, the one segmenter."""
    return words(text)


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
    unique = list({frozenset(keys): is_anchor for keys, is_anchor in items}.items())
    for idx, (keys, is_anchor) in enumerate(unique):
        bit = 1 << idx
        for k in keys:
            key_bits[k] = key_bits.get(k, 0) | bit
        if is_anchor:
            anchor_mask |= bit
            n_anchors += 1
    return Unit(length, frozenset(key_bits), key_bits, anchor_mask, len(unique), n_anchors)


def merge_units(units: list[Unit]) -> Unit:
    """One unit for several (the sentences of a paragraph): items side by side."""
    if len(units) == 1:
        return units[0]
    key_bits: dict[str, int] = {}
    anchor_mask = shift = length = n_anchors = 0
    for unit in units:
        for k, bits in unit.key_bits.items():
            key_bits[k] = key_bits.get(k, 0) | (bits << shift)
        anchor_mask |= unit.anchor_mask << shift
        shift += unit.n_items
        length += unit.length
        n_anchors += unit.n_anchors
    return Unit(length, frozenset(key_bits), key_bits, anchor_mask, shift, n_anchors)


def text_length(text: str) -> int:
    """Characters without whitespace: the Gale-Church length of either language."""
    return len(_SPACE.sub("", text))


@lru_cache(maxsize=100_000)
def _name_keys(hanzi: str) -> frozenset[str]:
    syllables = anchors.pinyin_syllables(hanzi)
    keys = {"py:" + "".join(syllables)}
    if len(syllables) >= 2:
        # Chinese names in English are pinyin, surname and given name apart: 沙瑞山 → Sha Ruishan.
        keys |= {"py:" + syllables[0], "py:" + "".join(syllables[1:])}
    skeleton = anchors.name_skeleton_pinyin(hanzi)
    if len(skeleton) >= 2:
        keys.add("sk:" + skeleton)
    return frozenset(keys)


def _translit(token: str) -> bool:
    return all(ch in anchors.TRANSLIT_CHARS for ch in token)


def _name_runs(tokens: list[str]) -> list[tuple[int, int]]:
    """Spans of tokens that look like one transliterated name (米/利, 拉德/达茨, 普京).

    A run of transliteration characters is a name when it is cut into several
    tokens (jieba splits names it does not know), when the dictionary does not
    know it or knows it only as a proper noun, or when it touches a "·".
    """
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if not _translit(tokens[i]):
            i += 1
            continue
        j = i
        while j < len(tokens) and _translit(tokens[j]):
            j += 1
        word = tokens[i]
        dotted = (i > 0 and tokens[i - 1] == "·") or (j < len(tokens) and tokens[j] == "·")
        if j - i >= 2 or dotted or (len(word) >= 2 and (not is_word(word) or is_proper_name(word))):
            if len("".join(tokens[i:j])) >= 2:
                spans.append((i, j))
        i = j
    return spans


def zh_unit(text: str) -> Unit:
    """Features of a Chinese paragraph or sentence (traditional characters work too)."""
    items: list[tuple[frozenset[str] | set[str], bool]] = []
    tokens = words_zh(text)
    in_name = [False] * len(tokens)
    for i, j in _name_runs(tokens):
        items.append((_name_keys("".join(tokens[i:j])), True))
        for k in range(i, j):
            in_name[k] = True
    for token, named in zip(tokens, in_name, strict=True):
        if not _HAN.match(token):
            for latin in _LATIN.findall(token):
                items.append((frozenset({_norm(latin)}), True))
            continue
        if named and len(token) == 1:
            continue  # 米 of 米利 is not "rice"
        if token in _ZH_STOP or all(ch in anchors._ZH_NUM_CHARS for ch in token):
            continue
        glosses = gloss_words(token)
        if not glosses and len(token) > 1 and not named:
            # Unknown to the dictionary and not a name: fall back on its characters.
            glosses = frozenset().union(*(gloss_words(ch) for ch in token if ch not in _ZH_STOP))
        if 0 < len(glosses) <= _MAX_GLOSS:
            items.append((glosses, False))
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


def en_unit(text: str) -> Unit:
    """Features of an English paragraph or sentence."""
    items: list[tuple[frozenset[str] | set[str], bool]] = []
    sentence_start = True
    for token in _EN_TOKEN.findall(text):
        if token in _SENTENCE_END:
            sentence_start = True
            continue
        at_start, sentence_start = sentence_start, False
        low = token.lower()
        if token.isupper() and len(token) > 1:
            items.append((frozenset({_norm(token.replace(".", ""))}), True))  # ABC, U.S.
            continue
        if low in EN_STOP_WORDS or low in _EN_NUMBER_WORDS or len(token) < 2:
            continue
        key = _norm(token)
        if token[0].isupper() and not at_start:
            # A capitalised word mid-sentence is probably a name: let it meet a transliteration.
            name = low.split("'")[0].split("’")[0]
            keys = {key, "py:" + name}
            skeleton = anchors.name_skeleton_en(name)
            if len(skeleton) >= 2:
                keys.add("sk:" + skeleton)
            items.append((frozenset(keys), True))
        else:
            items.append((frozenset({key, "py:" + low}), False))
    for key in anchors.numbers_en(text):
        items.append((frozenset({key}), True))
    if _EN_QUOTES.search(text):
        items.append((frozenset({'"'}), True))
    turn = _EN_TURN.match(text)
    if turn:
        items.append((frozenset({"turn:" + turn.group(1).lower()}), True))
    unit = _unit(items, text_length(text))
    unit.paratext = is_paratext_en(text)
    return unit
