"""Cut Chinese text into words with jieba (precise mode, HMM on).

jieba decides the Chinese words; runs of anything else are re-cut here
so that a Latin word or a number is one token, each punctuation mark is
its own token and whitespace disappears::

    >>> words("我们去银行。")
    ['我们', '去', '银行', '。']
    >>> words("在与Raddatz的谈话中，增长了3.5%")
    ['在', '与', 'Raddatz', '的', '谈话', '中', '，', '增长', '了', '3.5', '%']

Joining the tokens gives back the text minus its whitespace. Dictionary
words that mix scripts (卡拉OK, B超) stay whole, as jieba knows them.

Use this function rather than jieba directly: the tokenizer here is
private to the module, loaded once per process on first use.
"""

import logging
import re
import threading

import jieba

from reader.text.lang import HAN_RE

__all__ = ["words"]

_tokenizer: jieba.Tokenizer | None = None
_lock = threading.Lock()

# Between Chinese words: dotted acronyms (U.S.), numbers with decimal,
# thousands or time separators, Latin words (an inner apostrophe joins,
# a hyphen does not: A-10 is A - 10), else one mark per token.
_NON_HAN_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # U.S., e.g.
    r"|\d+(?:[.,:]\d+)*"  # 2023, 3.5, 1,000, 10:30
    r"|[^\W_]+(?:['’][^\W\d_]+)*"  # Raddatz, iPhone15, Korea's
    r"|\S"  # one punctuation mark or symbol
)


def _get_tokenizer() -> jieba.Tokenizer:
    # Double-checked so that concurrent first requests load the
    # dictionary once; after that no lock is taken.
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                # jieba logs its dictionary loading at DEBUG to stderr.
                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                _tokenizer = tokenizer
    return _tokenizer


def words(text: str) -> list[str]:
    """Cut ``text`` into word, number and punctuation tokens, dropping whitespace."""
    tokens: list[str] = []
    other = []  # a run of jieba tokens without Han, re-cut as one string
    for token in _get_tokenizer().cut(text, cut_all=False, HMM=True):
        if HAN_RE.search(token):
            tokens.extend(_NON_HAN_TOKEN.findall("".join(other)))
            other = []
            tokens.append(token)
        else:
            other.append(token)
    tokens.extend(_NON_HAN_TOKEN.findall("".join(other)))
    return tokens
