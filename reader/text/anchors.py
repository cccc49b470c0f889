"""Anchors that survive translation: numbers, dates, weekdays and months.

Each function turns text into *keys*, short strings that are equal on the
two sides when the two texts say the same thing, whatever the notation:

    >>> numbers_zh("2023年9月11日，增长百分之三点五，三十人，周一")
    ['#2023', '#9', 'month:9', '#11', '#3.5', '#30', 'weekday:1']
    >>> numbers_en("On Monday, September 11, 2023, 3.5 percent of thirty people")
    ['weekday:1', 'month:9', '#9', '#11', '#2023', '#3.5', '#30']

Small numbers written as words (一, 两, one, two, first, second) are left
out: "一个" and "a/one" are everywhere and would anchor anything to
anything. Digits are always kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.text import english
from reader.text.lexicon import (
    EN_NUMBER_VALUES,
    EN_NUMBER_WORDS,
    EN_ORDINALS,
    EN_SCALES,
    MONTH_ABBREVIATIONS,
    MONTHS,
    WEEKDAYS,
    ZH_BIG_UNITS,
    ZH_DIGITS,
    ZH_NOT_NUMBERS,
    ZH_NUMERALS,
    ZH_UNITS,
    ZH_WEEK_WORDS,
    ZH_WEEKDAYS,
)

__all__ = ["en_number_keys", "numbers_en", "numbers_zh", "zh_number_keys"]

_ZH_NUMBER = re.compile(
    # Every number starts with a digit or a numeral (百分之 too): the lookahead
    # lets the search pass over the other characters quickly.
    r"(?=[\d" + ZH_NUMERALS + r"])"
    r"(百分之|千分之)?"
    r"(\d+(?:[.,]\d+)*|[" + ZH_NUMERALS + r"]+(?:[点點][" + ZH_NUMERALS + r"]+)?)"
    r"([万萬亿億]?)"
    r"(年|月|日|号|號|%|％)?"
)
_WEEKDAY_ZH = re.compile(f"(?:{'|'.join(ZH_WEEK_WORDS)})([{''.join(ZH_WEEKDAYS)}])")


def _canon(value: float) -> str:
    """One spelling per value: 30, 30.0 and 3e1 all give '#30'."""
    if value == int(value):
        return f"#{int(value)}"
    return "#" + f"{value:.6f}".rstrip("0").rstrip(".")


def _zh_integer(text: str) -> int | None:
    """三十 → 30, 二十八 → 28, 一百零五 → 105, 三万五千 → 35000, 一九九三 → 1993."""
    if all(ch in ZH_DIGITS for ch in text):
        if len(text) == 1:
            return ZH_DIGITS[text]
        # Digit by digit: years (一九九三) and codes; "二三" (two or three) is not a number.
        return int("".join(str(ZH_DIGITS[ch]) for ch in text)) if len(text) >= 3 else None
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in ZH_DIGITS:
            digit = ZH_DIGITS[ch]
        elif ch in ZH_UNITS:
            section += (1 if digit is None else digit) * ZH_UNITS[ch]
            digit = None
        elif ch in ZH_BIG_UNITS:
            total = (total + section + (digit or 0)) * ZH_BIG_UNITS[ch]
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
        if not all(ch in ZH_DIGITS for ch in frac):
            return None
        return float(f"{value}." + "".join(str(ZH_DIGITS[ch]) for ch in frac))
    return float(value)


@lru_cache(maxsize=50_000)
def _numbers_zh(text: str) -> tuple[str, ...]:
    keys: list[str] = []
    for m in _ZH_NUMBER.finditer(text):
        percent, body, big, suffix = m.groups()
        start = m.start(2)
        if text.startswith(ZH_NOT_NUMBERS, start):
            continue
        # 周一 / 星期三 are weekdays, handled below; 第一 is "first" (too common).
        if start > 0 and text[start - 1] in "周週期拜第" and not body[0].isdigit():
            continue
        value = _zh_value(body)
        if value is None:
            continue
        if big:
            value *= ZH_BIG_UNITS[big]
        if not body[0].isdigit() and value < 3 and not percent and suffix not in ("月", "日", "号"):
            continue
        keys.append(_canon(value))
        if suffix == "月" and 1 <= value <= 12:
            keys.append(f"month:{int(value)}")
    for m in _WEEKDAY_ZH.finditer(text):
        keys.append(f"weekday:{ZH_WEEKDAYS[m.group(1)]}")
    return tuple(keys)


def numbers_zh(text: str) -> list[str]:
    """Number, month and weekday keys of a Chinese text, in order of appearance."""
    return list(_numbers_zh(text))


_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")  # 3,000 or 3.5; not 1.2.3, 3,00
_HYPHEN = re.compile(r"[-‐]")
# The only words without a digit that can give a key, lowercase: every other
# word of a text is passed over at a glance.
_KEY_WORDS = frozenset(
    (*EN_NUMBER_VALUES, *EN_SCALES, *EN_ORDINALS, *WEEKDAYS, *MONTHS, *MONTH_ABBREVIATIONS)
)


def _is_number_compound(word: str) -> bool:
    """twenty-eight, three-quarters: a hyphenated word of number words, read part by part."""
    parts = _HYPHEN.split(word.lower())
    return len(parts) > 1 and all(p in EN_NUMBER_VALUES or p in EN_SCALES for p in parts)


@lru_cache(maxsize=50_000)
def _numbers_en(text: str) -> tuple[str, ...]:
    return _en_keys(english.words(text))


def _en_keys(words: list[str]) -> tuple[str, ...]:
    """The keys of a text from its ``english.words``."""
    keys: list[str] = []
    tokens: list[str] = []
    for word in words:
        if ("-" in word or "‐" in word) and _is_number_compound(word):
            tokens.extend(_HYPHEN.split(word))
        else:
            tokens.append(word)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        # (A word of letters alone has no digit, in all of Unicode: most words skip the scan.)
        if not tok.isalpha() and any(char.isdigit() for char in tok):
            # 3.5, 3,000, 3:45, 3rd, COVID-19, iPhone15: each number in the token;
            # "3,000" is three thousand, "3.5" three and a half.
            numbers = _DIGITS.findall(tok)
            nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
            scaled = nxt in EN_SCALES and tok[0].isdigit()
            for k, digits in enumerate(numbers):
                if not _NUMBER.fullmatch(digits):
                    continue
                value = float(digits.replace(",", ""))
                if scaled and k == len(numbers) - 1:
                    value *= EN_SCALES[nxt]
                keys.append(_canon(value))
            i += 2 if scaled else 1
            continue
        low = tok.lower().rstrip(".")
        if low not in _KEY_WORDS:
            i += 1
            continue
        if low in EN_NUMBER_VALUES or low in EN_SCALES:
            # A run of number words: "two hundred and fifty thousand".
            total, current, j, used = 0, 0, i, False
            while j < len(tokens):
                w = tokens[j].lower()
                if w in EN_NUMBER_VALUES:
                    current += EN_NUMBER_VALUES[w]
                elif w in EN_SCALES:
                    scale = EN_SCALES[w]
                    current = max(current, 1) * scale
                    if scale >= 1000:
                        total, current = total + current, 0
                elif w == "and" and used:
                    pass
                else:
                    break
                used = True
                j += 1
            spelled = total + current
            if spelled >= 3:
                keys.append(_canon(spelled))
            i = max(j, i + 1)
            continue
        if low in EN_ORDINALS and EN_ORDINALS[low] >= 3:
            keys.append(_canon(EN_ORDINALS[low]))
        elif low in WEEKDAYS:
            keys.append(f"weekday:{WEEKDAYS.index(low) + 1}")
        elif tok[0].isupper() and (low in MONTHS or low in MONTH_ABBREVIATIONS):
            # "May" and "March" only as months when capitalised mid-text; still noisy,
            # so the month key is emitted together with its number.
            month = MONTHS.index(low) + 1 if low in MONTHS else MONTH_ABBREVIATIONS[low]
            if low != "may" or (i + 1 < len(tokens) and tokens[i + 1][0].isdigit()):
                keys.extend((f"month:{month}", _canon(month)))
        i += 1
    return tuple(keys)


def numbers_en(text: str, *, words: list[str] | None = None) -> list[str]:
    """Number, month and weekday keys of an English text, in order of appearance.

    ``words`` are the text's ``english.words`` when they are known already.
    """
    return list(_numbers_en(text) if words is None else _en_keys(words))


# Where a number stands in a sentence, weekdays included, as a span of characters.
_ZH_NUMBER_SPAN = re.compile(
    f"(?:{'|'.join(ZH_WEEK_WORDS)})[{''.join(ZH_WEEKDAYS)}]"
    r"|(?:百分之|千分之)?(?:\d+(?:[.,:]\d+)*"
    f"|[{ZH_NUMERALS}]+(?:[点點][{ZH_NUMERALS}]+)?)"
    r"[万萬亿億]?(?:年|月|日|号|號|%|％)?"
)
_DATE_UNITS = {
    "年": lambda keys: any(k[1:].isdigit() and int(k[1:]) >= 1000 for k in keys if k[0] == "#"),
    "月": lambda keys: any(k.startswith("month:") for k in keys),
    "日": lambda keys: any(k[1:].isdigit() and int(k[1:]) <= 31 for k in keys if k[0] == "#"),
    "号": lambda keys: any(k[1:].isdigit() and int(k[1:]) <= 31 for k in keys if k[0] == "#"),
}


@lru_cache(maxsize=50_000)
def _zh_span_keys(span: str) -> frozenset[str]:
    keys = numbers_zh(span)
    if not keys and "点" in span:  # 三点四十五(分): a clock time, not a decimal
        keys = [k for piece in span.split("点") if piece for k in numbers_zh(piece)]
    return frozenset(keys)


def zh_number_keys(zh_tokens: list[str]) -> list[frozenset[str]]:
    """Number keys per Chinese token; a number cut into several tokens gives each the keys.

    >>> zh_number_keys(["2023", "年", "五", "年", "十分"])
    [frozenset({'#2023'}), frozenset({'#2023'}), frozenset({'#5'}), frozenset(), frozenset()]
    """
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
            if not (inside or numbers_zh(token)):
                continue
            # A bare unit joins its number only in a date (2023年, 9月, 11日):
            # the 年 of 五年 is "years", not "five".
            if token in _DATE_UNITS and not _DATE_UNITS[token](keys):
                continue
            out[i] = out[i] | keys
    return out


def en_number_keys(words: list[str]) -> list[frozenset[str]]:
    """Number keys per English word; "three hundred and twenty" gives each word #320.

    >>> en_number_keys(["three", "hundred", "and", "twenty", "men"])[:2]
    [frozenset({'#320'}), frozenset({'#320'})]
    """
    out: list[frozenset[str]] = [frozenset()] * len(words)
    j = 0
    while j < len(words):
        low = words[j].lower()
        if low[:1].isdigit() or low in EN_NUMBER_WORDS or low in EN_SCALES:
            k = j + 1
            while k < len(words) and (
                words[k].lower() in EN_SCALES
                or (not low[:1].isdigit() and words[k].lower() in EN_NUMBER_WORDS | {"and"})
            ):
                k += 1
            while k > j + 1 and words[k - 1].lower() == "and":
                k -= 1
            keys = frozenset(numbers_en(" ".join(words[j:k])))
            for m in range(j, k):
                if words[m].lower() != "and":
                    out[m] = keys
            j = k
            continue
        if low == "may" and j + 1 < len(words) and words[j + 1][:1].isdigit():
            out[j] = frozenset(("month:5", "#5"))
        elif words[j][:1].isupper() or low in WEEKDAYS:
            out[j] = frozenset(numbers_en(words[j]))
        j += 1
    return out
