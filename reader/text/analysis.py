"""What the save-time pipeline learns about each text of an article, learnt once.

Aligning paragraphs, re-reading them sentence by sentence, aligning the
sentences and annotating the words all need the same facts about the same
texts: a Chinese text's words, a paragraph's sentences, a text's alignment
features. An ``Analysis`` keeps them for one article, so that each Chinese
paragraph goes through the segmenter once and each paragraph is split into
sentences once; a sentence's words are the slice of its paragraph's::

    >>> analysis = Analysis()
    >>> analysis.sentences("我们去银行。他在行走。", "zh")
    ['我们去银行。', '他在行走。']
    >>> analysis.words("他在行走。"), analysis.segmented
    (['他', '在', '行走', '。'], 1)

(Slicing gives what segmenting the sentence alone would: sentences end at
punctuation, and jieba never joins words across punctuation. Where a word
would cross a sentence's end, as after an ASCII full stop, the sentences
concerned are segmented on their own.)
"""

from __future__ import annotations

from reader.text import align_features, english, sentences, words
from reader.text.align_features import Unit

__all__ = ["Analysis"]


class Analysis:
    """Words, sentences and alignment features of the texts of one article, each made once."""

    def __init__(self) -> None:
        self._words: dict[str, list[str]] = {}
        self._sentences: dict[tuple[str, str], list[str]] = {}
        self._units: dict[tuple[str, str], Unit] = {}
        self._en_tokens: dict[str, list[str]] = {}
        self.segmented = 0  # texts given to the segmenter

    def words(self, text: str) -> list[str]:
        """The Chinese text's words (``words.split_words``)."""
        found = self._words.get(text)
        if found is None:
            found = self._words[text] = self._segment(text)
        return found

    def tokens(self, text: str) -> list[str]:
        """The English text's tokens (``english.tokenize``), not to be changed."""
        found = self._en_tokens.get(text)
        if found is None:
            found = self._en_tokens[text] = english.tokenize(text)
        return found

    def segment(self, texts: list[str]) -> None:
        """Cut the Chinese texts not cut yet, all together (``words.split_texts``)."""
        todo = [text for text in dict.fromkeys(texts) if text not in self._words]
        if todo:
            self.segmented += len(todo)
            self._words.update(zip(todo, words.split_texts(todo), strict=True))

    def sentences(self, paragraph: str, lang: str) -> list[str]:
        """The paragraph's sentences; ``lang`` is ``"zh"`` or ``"en"``."""
        key = (lang, paragraph)
        found = self._sentences.get(key)
        if found is None:
            if lang == "zh":
                found = sentences.split_zh(paragraph)
                self._share_words(paragraph, found)
            else:
                found = sentences.split_en(paragraph)
            self._sentences[key] = found
        return found

    def unit(self, text: str, lang: str) -> Unit:
        """The text's alignment features (``align_features.zh_unit`` / ``en_unit``)."""
        key = (lang, text)
        found = self._units.get(key)
        if found is None:
            if lang == "zh":
                found = align_features.zh_unit(text, self.words(text))
            else:
                found = align_features.en_unit(text, self.tokens(text))
            self._units[key] = found
        return found

    def _segment(self, text: str) -> list[str]:
        self.segmented += 1
        return words.split_words(text)

    def _share_words(self, paragraph: str, parts: list[str]) -> None:
        """Give each sentence of the paragraph its slice of the paragraph's words."""
        if len(parts) < 2 or all(part in self._words for part in parts):
            return
        tokens = self.words(paragraph)
        starts, pos = [], 0
        for token in tokens:
            pos = paragraph.index(token, pos)
            starts.append(pos)
            pos += len(token)
        k, pos = 0, 0
        for part in parts:
            start = paragraph.index(part, pos)
            end = pos = start + len(part)
            first = k
            while k < len(tokens) and starts[k] + len(tokens[k]) <= end:
                k += 1
            if k < len(tokens) and starts[k] < end:
                return  # a word crosses the sentence's end: the rest are cut alone
            self._words.setdefault(part, tokens[first:k])
