"""Pinyin for each word of a Chinese text, read in its sentence.

The text is cut into words with ``words.split_words``; each word is then
read in four passes, each one correcting the one before::

    >>> annotate("我们去银行。")
    [('我们', ['wǒ', 'men']), ('去', ['qù']), ('银行', ['yín', 'háng']), ('。', [])]
    >>> [(t.text, t.syllables, t.tones) for t in annotate_tokens("银行。")]
    [('银行', ('yín', 'háng'), (2, 2)), ('。', (), ())]
    >>> " ".join(s for _, syl in annotate("他还没还书，不是一个人。") for s in syl)
    'tā hái méi huán shū bú shì yí gè rén'
    >>> " ".join(s for _, syl in annotate("一个", sandhi=False) for s in syl)
    'yī gè'

1. **Words.** pypinyin reads each word with its phrase dictionary (行 is
   háng in 银行, xíng in 行走). A run of one-character words (他/还/书) is
   read as one string, so pypinyin's phrase matching still sees 还书.
   Where CC-CEDICT has the word with one reading only and pypinyin reads
   it otherwise, CC-CEDICT wins (商量 shāngliang, 朝鲜 Cháoxiǎn, 用尽 yòngjìn);
   where it lists a neutral-tone everyday sense beside a rarer one, the
   everyday one (告诉 gàosu, 东西 dōngxi); a character no phrase covers
   takes a reading with a sense of its own (卜 bǔ, not the bo of 萝卜).
   See ``cedict_readings``.
   **Names and rare characters.** A character jieba knows as a name,
   standing first, takes its surname reading (肖 Xiāo); a rare polyphone
   standing alone or in a word CC-CEDICT lacks (a name, a term) is read by
   a learned model where it is sure (峒 tóng, 翟 Zhái, see
   ``polyphone_model``).
2. **Phrases** that cross word boundaries (看孩子 kān, 一场电影 chǎng):
   a small table, matched only where a word starts.
3. **Context rules** for a character standing alone as a word, where
   the neighbours decide: the structural particles 得 and 地, 了 and 着
   as complements (吃不了 liǎo, 点不着 zháo), 还 the adverb or the verb,
   长 the adjective or the verb, 为 wéi "as" (以…为, 图为, 评为) or wèi
   "for", 过 the aspect particle guo, measure words against their nouns.
   Inside any word: a doubled verb's second syllable is neutral (看看,
   试试), a numeral's 个 is gè, and after a degree word a word takes its
   adjective sense (很精神 jīngshen). Each rule is a fact of grammar, not
   a list of sentences.
4. **Tone changes of 一 and 不** as textbooks print them (yí gè, bú shì,
   kàn yi kàn), unless ``sandhi=False`` asks for citation tones. Third-tone
   sandhi is never written, so never applied.

A word gets exactly one syllable per Han character it contains; tokens
without Han (punctuation, Latin words, numbers) get none.
"""

import re
import unicodedata
from functools import cache, lru_cache
from itertools import groupby

from pypinyin import Style, lazy_pinyin
from pypinyin.contrib.tone_convert import to_tone
from pypinyin.seg.simpleseg import seg as pypinyin_seg

from reader.text.annotation import ZhToken
from reader.text.cedict_readings import neutral_tone, neutral_variant, own_reading, surname_reading
from reader.text.dictionary import is_word
from reader.text.lang import is_han
from reader.text.lexicon import HAN_RE, ZH_DIGITS, ZH_NUMERALS
from reader.text.words import get_tokenizer, split_words, word_class

__all__ = [
    "annotate",
    "annotate_tokens",
    "annotate_words",
    "char_readings",
    "reading_for_links",
    "readings",
    "readings_of_word",
    "tone_numbers",
    "warm_up",
]


def reading_for_links(word: str, english: list[str]) -> tuple[str, ...] | None:
    """The word's reading in the sense its linked English words show (东西 + "thing": dōng xi).

    For the pipeline, after word links: None leaves the reading in context.
    """
    from reader.text.cedict_readings import reading_for_sense

    return reading_for_sense(word, english) if len(readings_of_word(word)) > 1 else None


def readings_of_word(word: str) -> list[tuple[str, ...]]:
    """CC-CEDICT's distinct readings of ``word``, in file order."""
    from reader.text.cedict_readings import readings_of

    return [syllables for syllables, _, _ in readings_of(word)]


def warm_up() -> None:
    """Load the polyphone model now (about 0.6 s of CPU) rather than on the first rare character."""
    from reader.text import polyphone_model

    polyphone_model.is_ambiguous("的")


def annotate(text: str, *, sandhi: bool = True) -> list[tuple[str, list[str]]]:
    """Each word of ``text`` with its syllables in tone marks.

    ``sandhi`` writes the tone changes of 一 and 不 (yí gè, bú shì);
    ``False`` gives their citation tones (yī gè, bù shì).
    """
    tokens = split_words(text)
    return list(zip(tokens, readings(tokens, sandhi=sandhi), strict=True))


def annotate_tokens(text: str, *, sandhi: bool = True) -> list[ZhToken]:
    """Each word of ``text`` as a token with its syllables and their tone numbers (5 = neutral)."""
    return annotate_words(split_words(text), sandhi=sandhi)


def annotate_words(words: list[str], *, sandhi: bool = True) -> list[ZhToken]:
    """Words already cut from one sentence, read in context, as tokens with syllables and tones."""
    return [
        _token(word, tuple(syllables))
        for word, syllables in zip(words, readings(words, sandhi=sandhi), strict=True)
    ]


@lru_cache(maxsize=50_000)
def _token(word: str, syllables: tuple[str, ...]) -> ZhToken:
    """The token of a word read so: made once, as tokens are immutable and words recur."""
    return ZhToken(word, syllables, tuple(map(_tone, syllables)))


def char_readings(text: str, *, sandhi: bool = True) -> list[str]:
    """One reading per character of ``text``: "" for anything not Han.

    >>> char_readings("去银行 OK")
    ['qù', 'yín', 'háng', '', '', '']
    """
    out = [""] * len(text)
    pos = 0
    for token, syllables in annotate(text, sandhi=sandhi):
        pos = text.index(token, pos)
        han = iter(syllables)
        for k, char in enumerate(token):
            if is_han(char):
                out[pos + k] = next(han)
        pos += len(token)
    return out


# Combining marks left by NFD decomposition of a tone-marked vowel.
_TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}


def tone_numbers(syllables) -> list[int]:
    """Tone number of each tone-marked syllable: ``['yín', 'men']`` -> ``[2, 5]``."""
    return [_tone(syllable) for syllable in syllables]


@lru_cache(maxsize=10_000)
def _tone(syllable: str) -> int:
    for char in unicodedata.normalize("NFD", syllable):
        if char in _TONE_MARKS:
            return _TONE_MARKS[char]
    return 5  # no mark: the neutral tone (also an unknown reading, "")


def readings(tokens: list[str], *, sandhi: bool = True) -> list[list[str]]:
    """The syllables of each already-segmented token, read in context."""
    result = _word_readings(tokens)
    _apply_surnames(tokens, result)
    _apply_model(tokens, result)
    _apply_phrases(tokens, result)
    _apply_rules(tokens, result)
    _apply_yi_bu(tokens, result, sandhi=sandhi)
    return result


# --- pass 1: words -----------------------------------------------------------


def _word_readings(tokens: list[str]) -> list[list[str]]:
    result: list[list[str]] = []
    for single_han, group in groupby(tokens, key=_is_single_han):
        if single_han:  # a run of one-character words, one syllable each
            result.extend([syllable] for syllable in _syllables("".join(group)))
        else:
            result.extend(list(_word(token)) for token in group)
    return result


def _is_single_han(token: str) -> bool:
    return len(token) == 1 and is_han(token)


@lru_cache(maxsize=100_000)
def _word(token: str) -> tuple[str, ...]:
    """A multi-character token: pypinyin, overruled by a single-reading CC-CEDICT entry."""
    syllables = _syllables(token)
    if len(token) > 1 and HAN_RE.fullmatch(token[0]) and all(map(is_han, token)):
        cedict = _cedict_reading(token)
        if cedict is not None and len(cedict) == len(syllables):
            return cedict
        return neutral_variant(token, syllables) or syllables
    return syllables


def _cedict_reading(word: str) -> tuple[str, ...] | None:
    """The one reading CC-CEDICT gives ``word`` (case ignored), or None.

    Several different readings (大夫 dàifu / dàfū) leave the choice to
    pypinyin. Names count: CC-CEDICT reads 朝鲜 Cháoxiǎn and 蒙古 Měnggǔ
    right where pypinyin does not.
    """
    from reader.text.dictionary import lookup  # the dictionary loads on first use

    found = {entry.pinyin.lower() for entry in lookup(word)}
    if len(found) != 1:
        return None
    numbered = found.pop().replace("u:", "v").split()
    if len(numbered) != len(word) or not all(map(_NUMBERED_RE.fullmatch, numbered)):
        return None
    return tuple(map(_tone_marked, numbered))


_NUMBERED_RE = re.compile(r"[a-z]+[1-5]")


@lru_cache(maxsize=4096)
def _tone_marked(numbered: str) -> str:
    """A CC-CEDICT syllable in tone marks: ``hang2`` -> ``háng``, ``liang5`` -> ``liang``.

    Cached because pypinyin's conversion is slow and there are only a few
    thousand distinct syllables.
    """
    return to_tone(numbered) if not numbered.endswith("5") else numbered[:-1].replace("v", "ü")


@lru_cache(maxsize=100_000)
def _syllables(token: str) -> tuple[str, ...]:
    """One syllable per Han character of ``token``, other characters skipped.

    Read as a whole first, so the phrase dictionary applies; if that does
    not give one syllable per character (a character pypinyin does not
    know), read character by character and leave the unknown ones "".
    """
    han = HAN_RE.findall(token)
    if not han:
        return ()
    whole = [syllable for part in pypinyin_seg(token) for syllable in _part_reading(part)]
    if len(whole) == len(han):
        return tuple(whole)
    return tuple(_citation(char) for char in han)


@lru_cache(maxsize=50_000)
def _part_syllables(part: str) -> tuple[str, ...]:
    """pypinyin's reading of one part its segmenter cut: a phrase, a character or a non-Han run.

    ``lazy_pinyin`` cuts its text the same way and reads each part on its
    own, so reading the parts one by one gives what it gives for the whole
    text. A run of one-character words is rarely seen twice, but its parts
    are common words and characters: cached here, they are read once. (Only
    pypinyin's own dictionaries go into it, so ``dictionary.configure`` leaves
    it be.)
    """
    return tuple(lazy_pinyin(part, style=Style.TONE, errors=lambda chars: None))


@lru_cache(maxsize=50_000)
def _part_reading(part: str) -> tuple[str, ...]:
    """A part as pypinyin reads it; a lone character in a reading of its own (卜 bǔ, not bo).

    pypinyin reads a character that no phrase of its own covers with one
    default reading, sometimes one CC-CEDICT keeps for a single word
    (卜 bo only in 萝卜); ``own_reading`` then gives the character's own.
    """
    syllables = _part_syllables(part)
    if len(part) == 1 and len(syllables) == 1:
        return (own_reading(part, syllables[0]) or syllables[0],)
    return syllables


@cache
def _citation(char: str) -> str:
    return (lazy_pinyin(char, style=Style.TONE, errors=lambda chars: None) or [""])[0]


def _apply_surnames(tokens: list[str], result: list[list[str]]) -> None:
    """A character jieba knows as a person's name, starting a run of Han: its surname reading.

    肖 Xiāo, 葛 Gě, 卜 Bǔ; after another lone character it is more likely
    a given name (蓝蔚雯: 蔚 wèi), so it is left alone there.
    """
    for i in range(len(tokens) - 1):
        token = tokens[i]
        if i and _is_single_han(tokens[i - 1]):
            continue
        if len(token) == 1 and is_han(tokens[i + 1][:1]) and word_class(token) == "nr":
            surname = surname_reading(token)
            if surname:
                result[i] = [surname]


# --- pass 1b: rare characters, read by a learned model -------------------------

# A character jieba counts fewer times than this as a word of its own is
# rare (峒, 翟, 粘 are; 行, 为, 长 are not): pypinyin's one default for it is
# often a sense the text does not mean, and no rule here knows it. The
# model's choice is taken where it gives it at least MODEL_SHARE of the
# probability; where it is less sure, pypinyin's reading stays.
RARE_BELOW = 5000
MODEL_SHARE = 0.95


@lru_cache(maxsize=20_000)
def _is_rare_polyphone(char: str) -> bool:
    from reader.text import polyphone_model

    return get_tokenizer().FREQ.get(char, 0) < RARE_BELOW and polyphone_model.is_ambiguous(char)


def _apply_model(tokens: list[str], result: list[list[str]]) -> None:
    """Rare polyphones standing alone, or in a word CC-CEDICT lacks (a name): the model's reading.

    A lone character pypinyin's phrase table read with its neighbours
    keeps that reading.
    """
    positions, owners = [], []
    offset = 0
    for i, token in enumerate(tokens):
        if len(token) == 1 and _is_rare_polyphone(token):
            if result[i][0] in (_citation(token), own_reading(token, _citation(token))):
                positions.append(offset)
                owners.append((i, 0))
        elif len(token) > 1 and any(map(_is_rare_polyphone, token)) and not is_word(token):
            for k, char in enumerate(token):
                if _is_rare_polyphone(char):
                    positions.append(offset + k)
                    owners.append((i, k))
        offset += len(token)
    if not positions:
        return
    from reader.text import polyphone_model

    read = polyphone_model.read_in_context("".join(tokens), positions, min_share=MODEL_SHARE)
    for position, (i, k) in zip(positions, owners, strict=True):
        if position in read:
            result[i][k] = read[position]


# --- pass 2: phrases across word boundaries ----------------------------------

# Readings that hold for a string wherever it starts a word, although
# jieba cuts it into several words (so no phrase dictionary sees it).
_PHRASES = {
    phrase: reading.split()
    for phrase, reading in {
        "看孩子": "kān hái zi",
        "看家": "kān jiā",
        "看门": "kān mén",
        "看守": "kān shǒu",
        "看管": "kān guǎn",
        "露一手": "lòu yì shǒu",
        "露了一手": "lòu le yì shǒu",
        "露面": "lòu miàn",
        "露脸": "lòu liǎn",
        "露马脚": "lòu mǎ jiǎo",
        "大喝": "dà hè",
        "毛呢": "máo ní",
        "呢子": "ní zi",
        "落在": "là zài",
        "供着": "gòng zhe",
        "供奉": "gòng fèng",
        "供品": "gòng pǐn",
        "照相": "zhào xiàng",
        "一张相": "yì zhāng xiàng",
        "盛饭": "chéng fàn",
        "盛汤": "chéng tāng",
        "盛一碗": "chéng yì wǎn",
        "背着": "bēi zhe",
        "背起": "bēi qǐ",
        "背包": "bēi bāo",
        "背书包": "bēi shū bāo",
        "系好": "jì hǎo",
        "系上": "jì shàng",
        "系紧": "jì jǐn",
        "系鞋带": "jì xié dài",
        "系领带": "jì lǐng dài",
        "系安全带": "jì ān quán dài",
        "大夫": "dài fu",
        "铺床": "pū chuáng",
        "弹琴": "tán qín",
        "弹钢琴": "tán gāng qín",
        "弹吉他": "tán jí tā",
        "散文": "sǎn wén",
        "漂白": "piǎo bái",
        "系了": "jì le",
    }.items()
}
_PHRASE_MAX = max(map(len, _PHRASES))
# Most words start no phrase: a set lookup tells them apart cheaply.
_PHRASE_FIRSTS = frozenset(phrase[0] for phrase in _PHRASES)


def _apply_phrases(tokens: list[str], result: list[list[str]]) -> None:
    text = "".join(tokens)
    start = 0  # the offset of token i in the text
    for i, token in enumerate(tokens):
        if token[:1] in _PHRASE_FIRSTS:
            for length in range(min(_PHRASE_MAX, len(text) - start), 1, -1):
                reading = _PHRASES.get(text[start : start + length])
                if reading is not None:
                    _overwrite(tokens, result, i, reading)
                    break
        start += len(token)


def _overwrite(tokens: list[str], result: list[list[str]], i: int, reading: list[str]) -> None:
    """Syllable by syllable from the start of token i on; all covered tokens are Han only."""
    t, k = i, 0
    for syllable in reading:
        while k == len(tokens[t]):  # on to the next (non-empty) token
            t, k = t + 1, 0
        result[t][k] = syllable
        k += 1


# --- pass 3: context rules for one-character words ---------------------------

_PRONOUNS = set("我你您他她它咱谁")
_DEMONSTRATIVES = set("这那哪每各某几")
_NUMERALS = set(ZH_NUMERALS) | set("半几多")
_DEGREE = {
    "很", "太", "真", "挺", "更", "最", "多", "好", "较", "比较", "非常", "特别",
    "十分", "这么", "那么", "这样", "那样", "越来越", "不", "够", "极", "有点", "有点儿",
}  # fmt: skip
# Complements that follow V得/V不 (看得见, 吃不了) or a verb directly.
_RESULT_VERBS = set("睡点猜找见摸够烧碰遇逮抓借买赶着打")


def _is_verb_like(token: str) -> bool:
    """A verb or adjective by jieba's dictionary (the words 得 and 地 follow)."""
    tag = word_class(token)
    return tag[:1] in ("v", "a", "b", "z", "i", "l") or tag in ("ad", "an", "vn")


def _apply_rules(tokens: list[str], result: list[list[str]]) -> None:
    for i, token in enumerate(tokens):
        rule = _RULES.get(token)
        if rule is None:
            continue
        prev = tokens[i - 1] if i > 0 and _has_han(tokens[i - 1]) else ""
        prev2 = tokens[i - 2] if prev and i > 1 and _has_han(tokens[i - 2]) else ""
        nxt = tokens[i + 1] if i + 1 < len(tokens) and _has_han(tokens[i + 1]) else ""
        nxt2 = tokens[i + 2] if nxt and i + 2 < len(tokens) and _has_han(tokens[i + 2]) else ""
        before, after = _clause_tokens(tokens, i)
        reading = rule(prev, nxt, prev2, nxt2, "".join(before), before, after)
        if reading:
            result[i] = [reading] if isinstance(reading, str) else reading
    _apply_word_rules(tokens, result)


def _has_han(token: str) -> bool:
    return bool(HAN_RE.search(token))


def _clause_tokens(tokens: list[str], i: int) -> tuple[list[str], list[str]]:
    """The Han tokens before and after token i, up to the nearest non-Han token each way."""
    start = i
    while start > 0 and _has_han(tokens[start - 1]):
        start -= 1
    end = i + 1
    while end < len(tokens) and _has_han(tokens[end]):
        end += 1
    return tokens[start:i], tokens[i + 1 : end]


def _apply_word_rules(tokens: list[str], result: list[list[str]]) -> None:
    """Facts that hold inside any word: a reduplicated verb, a numeral's 个."""
    for i, token in enumerate(tokens):
        syllables = result[i]
        if len(syllables) != len(token):
            continue
        if i and tokens[i - 1] in _DEGREE and len(token) > 1:
            # After a degree word a word is an adjective, and CC-CEDICT's
            # neutral-tone entry is the adjective sense (很精神 jīngshen
            # "lively", 很地道 dìdao "authentic", 很大方 dàfang).
            neutral = neutral_variant(token, tuple(syllables), everyday_only=False)
            if neutral:
                syllables[:] = neutral
        for k, char in enumerate(token):
            # 个 counted by a numeral is gè, not the neutral of 这个 (半个, 几个).
            if char == "个" and k and token[k - 1] in _NUMERALS:
                syllables[k] = "gè"
        # A one-character verb said twice: the second time is neutral (看看,
        # 试试, 谢谢您), whether jieba kept the pair together or not.
        # Not after a numeral (千教万教 is a set phrase), nor inside a word
        # CC-CEDICT reads otherwise (翘翘板 qiàoqiàobǎn).
        if i and tokens[i - 1][-1:] in _NUMERALS:
            continue
        if len(token) == 1 and i + 1 < len(tokens) and tokens[i + 1] == token:
            if _is_redup_verb(token):
                result[i + 1][0] = neutral_tone(result[i + 1][0])
        elif len(token) >= 2 and token[0] == token[1] and _is_redup_verb(token[0]):
            if token[2:3] != token[0] and not is_word(token):
                syllables[1] = neutral_tone(syllables[1])


def _is_redup_verb(char: str) -> bool:
    return word_class(char)[:1] == "v" and char not in _NOT_REDUPLICATED


# Verb characters whose doubling is a word of its own with full tones.
_NOT_REDUPLICATED = set("是有")


def _de_structural(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    # 得 after a verb or adjective links a complement (跑得快) and is de;
    # after a subject or adverb it is the verb dé (得了第一) or the modal
    # děi (我得走了), which the next word tells apart.
    if prev and prev not in _PRONOUNS and (_is_verb_like(prev) or prev[-1] in "了着"):
        if prev not in ("已经", "就", "也", "还", "才", "又", "都", "总", "必须", "只"):
            return "de"
    if nxt in ("了", "到", "过", "奖", "病", "分", "票") or (nxt and nxt[0] in _NUMERALS):
        return "dé"
    if prev and word_class(prev)[:1] == "n" and _is_verb_like(prev[-1]) and nxt:
        return "de"  # 歌唱得好听: a verb jieba tags as a noun, then its complement
    if nxt and (nxt in _PRONOUNS or nxt[0] in _PRONOUNS or word_class(nxt)[:1] in "vdpr"):
        return "děi"
    if nxt and (word_class(prev)[:1] == "d" or word_class(nxt[0])[:1] == "v"):
        return "děi"  # 都得重新…, 我得回老家: must
    return None


def _di_adverbial(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    # 地 after an adjective, adverb or reduplication, before a verb: de.
    if not prev or not nxt:
        return None
    redup = len(prev) >= 2 and prev[-1] == prev[-2]
    # After 很, 非常…: an adjective, whatever jieba tags it (很安静地, 安静 tagged a name);
    # not a particle, number or measure word (这样的地, 太多的地, 很多地 are fields).
    graded = prev2 in _DEGREE and prev not in ("多", "少") and word_class(prev)[:1] not in "umqr"
    if redup or graded or _is_verb_like(prev) or word_class(prev)[:1] == "d":
        if word_class(nxt)[:1] in "vdpa" or nxt in ("下", "走", "说", "看"):
            return "de"
    return None


def _le_liao(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    # V得了 / V不了: "able to (finish)", liǎo; elsewhere the aspect particle.
    if prev in ("得", "不") and prev2 and _is_verb_like(prev2):
        return "liǎo"
    return "le"


def _zhe_zhao(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    # 点不着, 睡得着, 猜着了: "reach, succeed" is zháo; after other verbs zhe.
    if prev in ("不", "得") and prev2 and prev2[-1] in _RESULT_VERBS:
        return "zháo"
    if prev and prev[-1] in _RESULT_VERBS and nxt in ("", "了", "吗", "没"):
        return "zháo"
    return None


def _hai_huan(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    # 还 the verb takes an object or ends the clause (还书, 按时还。);
    # the adverb comes before a verb, adjective or adverb (还没, 还很早).
    if not nxt:
        return "huán" if prev else None
    if nxt[:1] in "有没是要在也很更":
        return "hái"  # 还有点咳嗽, 还没: the adverb
    if nxt in _PRONOUNS or nxt[:1] in _PRONOUNS and len(nxt) == 2 and nxt[1] in "们":
        return "huán"
    if nxt in ("给", "清", "钱", "书", "债", "款", "回", "完"):
        return "huán"
    tag = word_class(nxt)
    if tag[:1] == "n" and tag not in ("nr",) and nxt not in ("早", "晚"):
        return "huán"
    return None


def _zhang_chang(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    # 长 after a degree word is the adjective "long"; before a result or
    # size (长大, 长高, 长得, 长满) it is the verb "grow".
    if prev in _DEGREE or prev == "长":
        return "cháng"
    if nxt and nxt[0] in "大高胖满出成得起长" and nxt != "大街":
        return "zhǎng"
    return None


# Verbs that take 为 "as, into" as their complement (选为, 评为, 改为).
_WEI_VERBS = set("选评改称成作视变分定立任誉奉尊转化封列升降推聘")


def _wei(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    # Verb + 为 "as, into": wéi; before its object (为大家) it is wèi.
    # 以 X 为 Y "take X as Y" and 图为 "the picture is" are wéi too; after
    # another verb, 为 X followed by a verb is "for X" (坚持为人民服务).
    if "以" in before or (prev[-1:] == "图" and len(before) == 1):
        return "wéi"
    if prev and prev[-1] in _WEI_VERBS and prev[-1] != "是":
        return "wéi"
    if prev and word_class(prev)[:1] == "v" and prev[-1] != "是":
        if any(word_class(t)[:1] == "v" for t in after[1:]):
            return "wèi"
        return "wéi"
    return None


def _tiao(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    # 调 with a result (调低, 调好, 调大): adjust, tiáo.
    return "tiáo" if nxt[:1] and nxt[0] in "低高大小亮暗好匀准慢快" else None


def _de_liao(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    # V得了 "can manage" (干得了, 受得了): de liǎo, not the word 得了 "enough!".
    if prev and _is_verb_like(prev) and prev not in ("就", "也", "还", "都"):
        return ["de", "liǎo"]
    return None


def _zhong4(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    # 重 before a verb: "again" (重写, 重做), chóng.
    if nxt and word_class(nxt)[:1] == "v" and nxt not in ("是", "有"):
        return "chóng"
    return None


def _hang(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    if prev and (prev[-1] in _NUMERALS or prev[:1] == "第") and nxt != "人":
        if prev != "一" or prev2[-1:] in _DEMONSTRATIVES or (prev2 and prev2[:1] == "第"):
            return "háng"
    return None


def _zhong3(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    if prev and (prev[-1] in _NUMERALS or prev[-1] in _DEMONSTRATIVES):
        return "zhǒng"
    if nxt and (word_class(nxt)[:1] == "n" or nxt in ("了", "着", "过", "在", "下", "出", "树")):
        return "zhòng"
    if nxt == "的" and prev:
        return "zhòng"  # 奶奶种的 (树): grown by, not "kind of"
    return None


def _shu(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    # Free 数 is the verb "count" (数星星); 数十, 数百 "several" is shù.
    if nxt and nxt[0] in "十百千万":
        return "shù"
    if prev and prev[-1] in _NUMERALS:
        return None
    return "shǔ"


def _jiao_teach(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    # Free 教 is the verb "teach"; the noun jiào lives in words (教师, 佛教).
    return "jiāo" if nxt else None


def _jiao_sleep(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    # 觉 counted or qualified is the noun "sleep" (睡一觉, 睡个好觉, 睡午觉);
    # elsewhere a free 觉 is the verb "feel" (我觉着) or a name (等觉寺): jué.
    if prev[-1:] in _NUMERALS or prev[-1:] in set("睡午懒好个场") or "睡" in clause:
        return "jiào"
    return None


def _zhong1(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    # 中 "hit" takes 了/过 (中了彩票); the locative never does.
    return "zhòng" if nxt in ("了", "过") and prev not in ("在",) and "在" not in clause else None


def _dang(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    # 把 X 当 Y: "treat as", dàng.
    return "dàng" if "把" in clause else None


def _chong(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    # 冲 + person: "towards", chòng (冲我笑); after a degree word the
    # adjective "blunt, strong" (说话有点冲), chòng too.
    if prev in _DEGREE:
        return "chòng"
    return "chòng" if nxt in _PRONOUNS or (nxt[:1] in _PRONOUNS and nxt[1:] == "们") else None


def _zhuan(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    # 绕着 / 围着 ... 转, 转圈: turning round, zhuàn.
    if "绕" in clause or "围着" in clause or nxt[:1] == "圈" or nxt2[:1] == "圈":
        return "zhuàn"
    # 转了半个小时, 转了一下午: going round for a while, not "to turn into".
    if nxt in ("了", "着", "过") and any(t.endswith(_SPANS) for t in after[1:4]):
        return "zhuàn"
    return None


_SPANS = ("小时", "钟头", "分钟", "半天", "一天", "一会儿", "一会", "上午", "下午", "晚上", "圈")


_SHOWS = ("电影", "比赛", "演出", "球赛", "音乐会", "戏", "表演", "考试", "晚会", "足球赛")


def _chang_measure(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    # 场 counts showings (一场电影, chǎng) and happenings (一场大雨, cháng).
    if nxt in _SHOWS or nxt2 in _SHOWS:
        return "chǎng"
    return None


def _liang(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    # Free 量 is the verb "measure" (量体温, 量一下); the noun is in words.
    if nxt in ("了", "过", "一下", "一") or word_class(nxt)[:1] == "n":
        return "liáng"
    return None


def _qie(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    return "qiē" if nxt or prev[-1:] in "要在来去" else None


def _sheng_fill(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    if nxt == "了" and nxt2[:1] in _NUMERALS:
        return "chéng"  # 盛了一碗汤: filled
    if nxt and (nxt[0] in _NUMERALS or word_class(nxt)[:1] == "n"):
        return "chéng"
    return None


def _zheng(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    return "zhèng" if nxt else None


def _pu(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    return "pū" if nxt in ("了", "着", "在", "上", "好") or word_class(nxt)[:1] == "n" else None


def _jia_leave(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    # 假 ending a clause after a time span: leave, jià (请了三天假).
    if not nxt and prev and word_class(prev)[:1] in "mq" or prev in ("天", "周", "个月"):
        return "jià"
    return None


def _xue(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    # Free 血 ending a clause is the spoken xiě (流了好多血).
    if any(verb in clause for verb in ("验", "输", "献", "抽")):
        return None  # 验血, 验了血: the written xuè of medicine
    return "xiě" if not nxt and prev else None


def _guo(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    # 过 right after a verb is the aspect particle "have ever", neutral
    # (去过, 吃过); before 来/去 it is the directional verb.
    if prev and word_class(prev)[:1] == "v" and nxt[:1] not in ("来", "去"):
        if nxt[:1] in _NUMERALS and nxt[-1:] in "天年月周":
            return None  # 过几天: "pass (a time)", the verb guò
        return "guo"
    return None


def _zhi_measure(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    # 只 counted by a numeral is the measure word zhī (两只猫).
    if prev and prev[-1] in _NUMERALS and prev[-1] not in "多半":
        return "zhī"
    return None


def _gan_dry(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    # 干 after a degree word is the adjective "dry" (太干了), gān.
    return "gān" if prev in _DEGREE or prev[-1:] in ("太", "很", "挺") else None


# 东西 read as "east and west" beside a numeral or an extent (东西两侧,
# 东西长三百米, 横贯东西); elsewhere the everyday "thing" (dōngxi).
_EXTENT = ("方向", "走向", "向", "两", "长", "宽", "横", "南北", "之间", "跨度", "距离", "部")


def _dongxi(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    if (
        nxt.startswith(_EXTENT)
        or (nxt and nxt[0] in _NUMERALS)
        or prev.endswith(("横贯", "贯穿", "南北"))
    ):
        return ["dōng", "xī"]
    return None


def _difang(prev, nxt, prev2, nxt2, clause, before=(), after=()):
    # 地方 before a noun it qualifies is "local" (地方政府), dìfāng;
    # elsewhere the everyday "place" (这个地方), dìfang.
    if word_class(nxt)[:1] == "n" and nxt not in ("上", "里"):
        return ["dì", "fāng"]
    return ["dì", "fang"]


_RULES = {
    "过": _guo,
    "只": _zhi_measure,
    "干": _gan_dry,
    "东西": _dongxi,
    "地方": _difang,
    "得": _de_structural,
    "得了": _de_liao,
    "调": _tiao,
    "地": _di_adverbial,
    "了": _le_liao,
    "着": _zhe_zhao,
    "还": _hai_huan,
    "长": _zhang_chang,
    "为": _wei,
    "重": _zhong4,
    "行": _hang,
    "种": _zhong3,
    "数": _shu,
    "教": _jiao_teach,
    "觉": _jiao_sleep,
    "中": _zhong1,
    "当": _dang,
    "冲": _chong,
    "转": _zhuan,
    "场": _chang_measure,
    "量": _liang,
    "切": _qie,
    "盛": _sheng_fill,
    "挣": _zheng,
    "铺": _pu,
    "假": _jia_leave,
    "血": _xue,
}


# --- pass 4: 一 and 不 ---------------------------------------------------------

# Digits that make 一 part of a number (十一, 一九九八): yī whatever follows.
_DIGITS = (set(ZH_DIGITS) - {"两", "兩"}) | {"十"}
_ORDINAL_AFTER = ("月", "号", "楼", "年级")
# Complements of V不C (对不起, 来不及, 看不见): 不 is neutral between them.
_COMPLEMENTS = set("起了到见完动下上出开住懂清及过成着掉走")


def _apply_yi_bu(tokens: list[str], result: list[list[str]], *, sandhi: bool) -> None:
    if not any("一" in token or "不" in token for token in tokens):
        return  # half the sentences: nothing to change
    text: list[str] = []  # the Han characters, a "|" after each word
    chars: list[tuple[int, int]] = []  # (token, syllable) of each, (-1, -1) for a "|"
    for t, token in enumerate(tokens):
        for k, char in enumerate(HAN_RE.findall(token)):
            text.append(char)
            chars.append((t, k))
        text.append("|")
        chars.append((-1, -1))
    for n, char in enumerate(text):
        if char not in "一不":
            continue
        t, k = chars[n]
        if len(tokens[t]) > 1 and result[t][k] in ("yi", "bu"):
            continue  # the word is read with a neutral 一/不 (对不起 duìbuqǐ)
        if not sandhi:
            result[t][k] = "yī" if char == "一" else "bù"
            continue
        if not tokens[t] or not any(c == char for c in tokens[t]):
            continue
        before = _neighbour(text, n, -1)
        after = _neighbour(text, n, +1)
        token = tokens[t]
        if char == "一":
            result[t][k] = _yi(token, k, before, after, text, n, result, chars)
        else:
            result[t][k] = _bu(token, k, before, after, text, n, result, chars, tokens)


def _neighbour(text: list[str], n: int, step: int) -> str:
    m = n + step
    if 0 <= m < len(text) and text[m] == "|":
        m += step
    return text[m] if 0 <= m < len(text) else ""


def _next_tone(text, n, result, chars) -> int:
    m = n + 1
    if m < len(text) and text[m] == "|":
        m += 1
    if m >= len(text) or text[m] == "|":
        return 0
    t, k = chars[m]
    tone = _tone(result[t][k])
    return tone if tone != 5 else _tone(_citation(text[m]))


def _yi(token, k, before, after, text, n, result, chars) -> str:
    word_final = len(token) > 1 and token.endswith("一") and k == len(HAN_RE.findall(token)) - 1
    if before and before == after and before not in _DIGITS and len(token) in (1, 3):
        return "yi"  # 看一看 (not the idiom 数一数二)
    if before == "月":
        return "yī"  # 十月一日: a date
    if word_final or not after or before == "第" or before in _DIGITS or after in _DIGITS:
        return "yī"  # 统一, 第一, 十一, 一九九八, 一 at the end
    rest = "".join(text[n + 1 : n + 4]).replace("|", "")
    if rest.startswith(_ORDINAL_AFTER) and not rest.startswith("号召"):
        return "yī"  # 一月, 一号, 一楼, 一年级
    tone = _next_tone(text, n, result, chars)
    if tone == 4:
        return "yí"
    if tone in (1, 2, 3):
        return "yì"
    return "yī"


def _bu(token, k, before, after, text, n, result, chars, tokens) -> str:
    if before and after and (before == after or (after in _COMPLEMENTS and _verb_char(before))):
        return "bu"  # 好不好, 对不起, 来不及
    if _next_tone(text, n, result, chars) == 4:
        return "bú"
    return "bù"


def _verb_char(char: str) -> bool:
    return word_class(char)[:1] in ("v", "a")
