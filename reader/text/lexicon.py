"""The word lists and character classes the text layer shares, each defined once.

Plain data: every module that needs to know what a Han character, a
transliterated name, a function word or a number word is imports it from
here, so that the segmenter, the aligner and the word linker never
disagree about it.

    >>> bool(HAN_RE.fullmatch("𠀋")), bool(HAN_RE.fullmatch("a"))   # extension B is Han too
    (True, False)
    >>> all(char in TRANSLIT_CHARS for char in "拉达茨"), "的" in ZH_FUNCTION_WORDS
    (True, True)
    >>> EN_NUMBER_VALUES["forty"], ZH_DIGITS["两"], WEEKDAYS[0]
    (40, 2, 'monday')
"""

import re

# --- Scripts --------------------------------------------------------------------------------

# CJK Unified Ideographs with extension A, the compatibility block, the
# supplementary planes (extensions B onwards) and 〇, which is Han too.
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RE = re.compile(f"[{HAN}]")

# Latin letters: ASCII, full-width, and the accented Latin blocks
# (names such as Zelenskyy, Gonçalves, Nguyễn).
LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff\uff21-\uff3a\uff41-\uff5a"
LATIN_RE = re.compile(f"[{LATIN}]")
LATIN_WORD_RE = re.compile(f"[{LATIN}]+")

# --- Names ----------------------------------------------------------------------------------

# Characters Chinese uses to transliterate foreign names (米利, 拉达茨,
# 泽连斯基, 古迪纳夫): a run of them that the dictionary does not know is
# taken for a name, by the segmenter and the aligner alike.
TRANSLIT_CHARS = frozenset(
    "阿埃艾爱安奥巴拜班邦保鲍贝本比彼毕宾波伯博布查达戴丹道德登迪蒂丁东杜敦多厄恩尔法凡菲芬"
    "费夫弗福盖甘冈戈哥格根古圭哈海汉豪赫亨胡华霍基吉加贾杰捷金卡凯坎康考柯科克肯库夸奎拉莱"
    "赖兰朗劳勒雷蕾里理力利莉丽连列林琳隆卢鲁路伦罗洛马玛迈麦曼芒梅蒙米密敏明莫墨姆穆纳娜乃"
    "奈南内尼妮涅宁纽努诺欧帕潘佩彭皮珀普齐奇乔切钦琴琼丘萨塞赛桑瑟森沙莎尚舍什施斯松苏索塔"
    "泰坦汤唐特提汀图托瓦万旺威韦维温沃乌伍西希锡谢辛休修逊雅亚扬耶伊因英尤约扎泽詹赞兹茲祖"
    "佐茨丝芙黛瑞嘉珊娅薇琪龙"
)

# Common surnames that are rarely a word's first character otherwise: a
# made-up two- or three-character word starting with one is a person's name.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖董袁潘蒋蔡杜叶程"
    "苏魏吕丁沈姚卢姜崔钟谭陆汪范廖贾夏韦邹孟熊秦邱尹薛闫段雷侯陶黎贺顾毛郝龚邵钱严覃"
    "武戴莫孔汤"
)

# Characters that make a made-up word a phrase, not a name (戴着, 汤里).
NOT_IN_NAMES = frozenset("着了过的得地里上下们是在和与也都就不没很")

# The dots between the parts of a transliterated name (马克·米利).
NAME_DOTS = frozenset("·・•‧")

# --- Chinese function words -----------------------------------------------------------------

# Particles, prepositions, conjunctions, the copula, modals, degree adverbs,
# localisers and pronouns: their CC-CEDICT entries have content senses (的
# "target", 了 "finish") that would match English text at random, so they
# are never linked to English words by their definitions, nor read as
# evidence by the aligner.
ZH_FUNCTION_WORDS = frozenset(
    """
    的 地 得 了 着 过 吗 呢 吧 啊 呀 嘛 哦 啦 么 是 在 和 与 及 或 或者 把 被 将 就 都 也 还 又 才
    而 但 但是 却 所 以 之 其 此 这 那 这个 那个 这些 那些 这样 那样 个 给 对 从 向 往 于 为 为了
    让 使 由 由于 到 自 比 跟 同 并 很 太 最 更 非常 会 能 可 可以 要 应该 没 不 没有 别 中 里 上 下
    内 外 前 后 时 当 如果 因为 所以 然后 然而 虽然 可是 而且 以及 如何 什么 怎么 哪 谁 一 一个
    有 之后 之前 已 再 正 正在 只 乎 该 每 各 些 等 据 称 作为 通过 按 按照 根据 关于 对于 如
    若 即 乃 则 我 我们 你 你们 他 他们 她 她们 它 自己
    """.split()
)

# Content words so common that a match says little about whether two
# paragraphs translate each other: the aligner skips them as it skips the
# function words; the word linker still links them (说 ↔ said).
ZH_COMMON_WORDS = frozenset("说 去 来 做 得到 时候 已经".split())

# --- Numbers, months and weekdays -----------------------------------------------------------

ZH_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3,
}  # fmt: skip
ZH_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
ZH_BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
ZH_NUMERALS = "".join(ZH_DIGITS) + "".join(ZH_UNITS) + "".join(ZH_BIG_UNITS)
# Words made of numeral characters that are not numbers (十分 "very").
ZH_NOT_NUMBERS = ("十分", "万一", "千万", "万万", "一一", "一万个", "三三两两", "一五一十", "百万")
# 周一 … 周日: the character after 星期 / 礼拜 / 周 and its day, Monday = 1.
ZH_WEEKDAYS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}
ZH_WEEK_WORDS = ("星期", "礼拜", "禮拜", "周", "週")

EN_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
EN_SCALES = {
    "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9,
    "trillion": 10**12, "dozen": 12,
}  # fmt: skip
EN_NUMBER_VALUES = {w: i for i, w in enumerate(EN_UNITS)} | {
    w: 20 + 10 * i for i, w in enumerate(EN_TENS)
}
EN_NUMBER_WORDS = frozenset(EN_NUMBER_VALUES)
EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "twentieth": 20, "thirtieth": 30, "hundredth": 100,
}  # fmt: skip
MONTHS = (
    "january february march april may june july august september october november december"
).split()
MONTH_ABBREVIATIONS = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
