"""Anchors that survive translation: numbers, dates, weekdays, months, names.

Each function turns text into *keys*, short strings that are equal on the
two sides when the two texts say the same thing, whatever the notation:

    >>> numbers_zh("2023年9月11日，增长百分之三点五，三十人，周一")
    ['#2023', '#9', 'month:9', '#11', '#3.5', '#30', 'weekday:1']
    >>> numbers_en("On Monday, September 11, 2023, 3.5 percent of thirty people")
    ['weekday:1', 'month:9', '#9', '#11', '#2023', '#3.5', '#30']
    >>> name_skeleton_pinyin("拉达茨"), name_skeleton_en("Raddatz")
    ('LTS', 'LTS')
    >>> name_skeleton_pinyin("米利"), name_skeleton_en("Milley")
    ('ML', 'ML')

Small numbers written as words (一, 两, one, two, first, second) are left
out: "一个" and "a/one" are everywhere and would anchor anything to
anything. Digits are always kept.

Name skeletons map a name's consonants to coarse sound classes (b/p/f/v,
d/t, l/r, s/z/c/j/q/x/ts, ...) and drop vowels, h, w and y, so that a
pinyin transliteration and the English spelling it came from meet.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "numbers_zh",
    "numbers_en",
    "name_skeleton_pinyin",
    "name_skeleton_en",
    "pinyin_syllables",
    "TRANSLIT_CHARS",
]

_ZH_DIGIT = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4}
_ZH_DIGIT |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3}
_ZH_UNIT = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_ZH_BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_ZH_NUM_CHARS = "".join(_ZH_DIGIT) + "".join(_ZH_UNIT) + "".join(_ZH_BIG)
# Words made of numeral characters that are not numbers ("十分" = very).
_ZH_NOT_NUMBERS = ("十分", "万一", "千万", "万万", "一一", "一万个", "三三两两", "一五一十", "百万")

_ZH_NUMBER = re.compile(
    r"(百分之|千分之)?"
    r"(\d+(?:[.,]\d+)*|[" + _ZH_NUM_CHARS + r"]+(?:[点點][" + _ZH_NUM_CHARS + r"]+)?)"
    r"([万萬亿億]?)"
    r"(年|月|日|号|號|%|％)?"
)
_WEEKDAY_ZH = re.compile(r"(?:星期|礼拜|禮拜|周|週)([一二三四五六日天])")
_WEEKDAY_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}


def _canon(value: float) -> str:
    """One spelling per value: 30, 30.0 and 3e1 all give '#30'."""
    if value == int(value):
        return f"#{int(value)}"
    return "#" + f"{value:.6f}".rstrip("0").rstrip(".")


def _zh_integer(text: str) -> int | None:
    """三十 → 30, 二十八 → 28, 一百零五 → 105, 三万五千 → 35000, 一九九三 → 1993."""
    if all(ch in _ZH_DIGIT for ch in text):
        if len(text) == 1:
            return _ZH_DIGIT[text]
        # Digit by digit: years (一九九三) and codes; "二三" (two or three) is not a number.
        return int("".join(str(_ZH_DIGIT[ch]) for ch in text)) if len(text) >= 3 else None
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _ZH_DIGIT:
            digit = _ZH_DIGIT[ch]
        elif ch in _ZH_UNIT:
            section += (1 if digit is None else digit) * _ZH_UNIT[ch]
            digit = None
        elif ch in _ZH_BIG:
            total = (total + section + (digit or 0)) * _ZH_BIG[ch]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def _zh_value(text: str) -> float | None:
    if text[0].isdigit():
        try:
            return float(text.replace(",", ""))
        except ValueError:
            return None
    whole, _, frac = text.replace("點", "点").partition("点")
    value = _zh_integer(whole)
    if value is None:
        return None
    if frac:
        if not all(ch in _ZH_DIGIT for ch in frac):
            return None
        return float(f"{value}." + "".join(str(_ZH_DIGIT[ch]) for ch in frac))
    return float(value)


@lru_cache(maxsize=50_000)
def _numbers_zh(text: str) -> tuple[str, ...]:
    keys: list[str] = []
    for m in _ZH_NUMBER.finditer(text):
        percent, body, big, suffix = m.groups()
        start = m.start(2)
        if any(text.startswith(w, start) for w in _ZH_NOT_NUMBERS):
            continue
        # 周一 / 星期三 are weekdays, handled below; 第一 is "first" (too common).
        if start > 0 and text[start - 1] in "周週期拜第" and not body[0].isdigit():
            continue
        value = _zh_value(body)
        if value is None:
            continue
        if big:
            value *= _ZH_BIG[big]
        if not body[0].isdigit() and value < 3 and not percent and suffix not in ("月", "日", "号"):
            continue
        keys.append(_canon(value))
        if suffix == "月" and 1 <= value <= 12:
            keys.append(f"month:{int(value)}")
    for m in _WEEKDAY_ZH.finditer(text):
        keys.append(f"weekday:{_WEEKDAY_NUM[m.group(1)]}")
    return tuple(keys)


def numbers_zh(text: str) -> list[str]:
    """Number, month and weekday keys of a Chinese text, in order of appearance."""
    return list(_numbers_zh(text))


_EN_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_EN_ORD = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "twentieth": 20, "thirtieth": 30, "hundredth": 100,
}  # fmt: skip
_EN_SMALL = {w: i for i, w in enumerate(_EN_UNITS)} | {
    w: 20 + 10 * i for i, w in enumerate(_EN_TENS)
}
_EN_SCALE = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
_EN_SCALE |= {"trillion": 10**12, "dozen": 12}
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(_MONTHS)} | {"sept": 9}
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_EN_TOKEN = re.compile(r"\d+(?:[.,]\d+)*(?:st|nd|rd|th)?%?|[A-Za-z]+\.?")


@lru_cache(maxsize=50_000)
def _numbers_en(text: str) -> tuple[str, ...]:
    keys: list[str] = []
    tokens = _EN_TOKEN.findall(text)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        low = tok.lower().rstrip(".")
        if tok[0].isdigit():
            digits = re.match(r"\d+(?:[.,]\d+)*", tok).group(0)
            # "3,000" is three thousand, "3.5" three and a half.
            value = (
                float(digits.replace(",", ""))
                if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?", digits)
                else None
            )
            if value is not None:
                nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
                if nxt in _EN_SCALE:
                    value *= _EN_SCALE[nxt]
                    i += 1
                keys.append(_canon(value))
            i += 1
            continue
        if low in _EN_SMALL or low in _EN_SCALE:
            # A run of number words: "two hundred and fifty thousand".
            total, current, j, used = 0, 0, i, False
            while j < len(tokens):
                w = tokens[j].lower()
                if w in _EN_SMALL:
                    current += _EN_SMALL[w]
                elif w in _EN_SCALE:
                    scale = _EN_SCALE[w]
                    current = max(current, 1) * scale
                    if scale >= 1000:
                        total, current = total + current, 0
                elif w == "and" and used:
                    pass
                else:
                    break
                used = True
                j += 1
            value = total + current
            if value >= 3:
                keys.append(_canon(value))
            i = max(j, i + 1)
            continue
        if low in _EN_ORD and _EN_ORD[low] >= 3:
            keys.append(_canon(_EN_ORD[low]))
        elif low in _WEEKDAYS:
            keys.append(f"weekday:{_WEEKDAYS.index(low) + 1}")
        elif tok[0].isupper() and (low in _MONTHS or low in _MONTH_ABBR):
            # "May" and "March" only as months when capitalised mid-text; still noisy,
            # so the month key is emitted together with its number.
            month = _MONTHS.index(low) + 1 if low in _MONTHS else _MONTH_ABBR[low]
            if low != "may" or (i + 1 < len(tokens) and tokens[i + 1][0].isdigit()):
                keys.extend((f"month:{month}", _canon(month)))
        i += 1
    return tuple(keys)


def numbers_en(text: str) -> list[str]:
    """Number, month and weekday keys of an English text, in order of appearance."""
    return list(_numbers_en(text))


# Characters that Chinese uses to transliterate foreign names. Runs of them that
# the dictionary does not know (米/利, 拉达/茨) are treated as candidate names.
TRANSLIT_CHARS = frozenset(
    "阿埃艾爱安奥巴班邦贝本比彼宾波伯博布查达戴丹道德登迪蒂丁东杜敦多厄恩尔法菲费芬"
    "弗福盖甘冈戈格古圭哈海汉豪赫亨胡华霍基吉加贾杰金卡凯坎康柯科克肯库夸奎拉莱赖兰"
    "朗劳勒雷里利莉列林琳卢鲁路伦罗洛马玛迈麦曼芒梅蒙米密明莫姆穆纳娜南内尼涅宁纽努"
    "诺欧帕潘佩彭皮普奇齐乔切钦琼丘萨塞桑瑟森沙莎尚舍什施斯松苏索塔泰坦汤唐特提汀图"
    "托瓦万旺威韦维温沃乌伍西希锡谢辛休逊雅亚扬耶伊因尤约泽扎詹兹茨茲蕾黛丽妮娅琪"
)

# Pinyin initials and English letter groups → sound classes; vowels, h, w, y → ''.
_PY_INITIAL = (
    ("zh", "S"), ("ch", "S"), ("sh", "S"), ("b", "P"), ("p", "P"), ("f", "P"), ("m", "M"),
    ("d", "T"), ("t", "T"), ("n", "N"), ("l", "L"), ("g", "K"), ("k", "K"), ("h", ""),
    ("j", "S"), ("q", "S"), ("x", "S"), ("r", "L"), ("z", "S"), ("c", "S"), ("s", "S"),
    ("y", ""), ("w", ""),
)  # fmt: skip
_EN_GROUPS = (
    ("sch", "S"), ("tch", "S"), ("ch", "S"), ("sh", "S"), ("th", "T"), ("ph", "P"),
    ("ck", "K"), ("ts", "S"), ("tz", "S"), ("dz", "S"), ("gh", ""), ("b", "P"), ("p", "P"),
    ("f", "P"), ("v", "P"), ("m", "M"), ("d", "T"), ("t", "T"), ("n", "N"), ("l", "L"),
    ("r", "L"), ("g", "K"), ("k", "K"), ("q", "K"), ("x", "KS"), ("j", "S"), ("z", "S"),
    ("s", "S"),
)  # fmt: skip


def _collapse(classes: list[str]) -> str:
    out: list[str] = []
    for c in "".join(classes):
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def pinyin_syllables(hanzi: str) -> list[str]:
    """Toneless pinyin, one syllable per character (pypinyin, loaded on first use)."""
    from pypinyin import Style, lazy_pinyin

    return [s.replace("ü", "v") for s in lazy_pinyin(hanzi, style=Style.NORMAL, errors="ignore")]


@lru_cache(maxsize=50_000)
def name_skeleton_pinyin(hanzi: str) -> str:
    """Sound-class skeleton of a transliterated name: 拉达茨 → 'LTS'."""
    classes: list[str] = []
    for syl in pinyin_syllables(hanzi):
        for prefix, cls in _PY_INITIAL:
            if syl.startswith(prefix):
                classes.append(cls)
                syl = syl[len(prefix) :]
                break
        if syl == "er":  # 尔 transliterates a final r/l (Vladimir → 弗拉基米尔)
            classes.append("L")
        # Nasal finals are too unreliable across transliteration (普京 Putin) to keep.
    return _collapse(classes)


@lru_cache(maxsize=50_000)
def name_skeleton_en(word: str) -> str:
    """Sound-class skeleton of an English spelling: Raddatz → 'LTS', Milley → 'ML'."""
    w = word.lower()
    classes: list[str] = []
    i = 0
    while i < len(w):
        ch = w[i]
        if ch == "c":  # soft before e/i/y, hard elsewhere
            classes.append("S" if w[i + 1 : i + 2] in ("e", "i", "y") else "K")
            i += 1
            continue
        nxt = w[i + 1 : i + 2]
        if ch in "rnm" and i > 0 and nxt not in ("a", "e", "i", "o", "u", "y"):
            if nxt == "" and ch != "n":
                classes.append("L" if ch == "r" else "M")  # Vladimir → 米尔, Tom → 汤姆
                i += 1
                continue
            # r and nasals closing a syllable (Martin → 马丁, Anderson → 安德森) have
            # no reliable pinyin counterpart: pinyin finals -n/-ng are dropped too.
            i += 1
            continue
        if w.startswith("th", i) and i > 0:
            classes.append("S")  # Martha → 玛莎, Nathan → 内森
            i += 2
            continue
        for group, cls in _EN_GROUPS:
            if w.startswith(group, i):
                classes.append(cls)
                i += len(group)
                break
        else:
            i += 1
    return _collapse(classes)
