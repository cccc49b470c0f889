"""From two lists of paragraphs to everything the reader shows: the save-time pipeline.

Paragraphs are aligned first; inside each paragraph bead the sentences
are aligned, and every sentence bead becomes a segment whose Chinese is
annotated word by word (pinyin, tones, HSK level) and linked to the
English words it became. This is the heavy work that happens once, when
an article is saved, so that a page view only reads. One ``Analysis``
carries each text's words, sentences and features from step to step, so
that no text is segmented or split twice.

>>> pairs = build_pairs(["我们去银行。"], ["We go to the bank."])
>>> annotation = pairs[0].segments[0].annotation
>>> annotation.zh[2]
ZhToken(text='银行', syllables=('yín', 'háng'), tones=(2, 2), level=3, links=(8,))
>>> annotation.en[8]
EnToken(text='bank', links=(2,))
"""

import gc
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from . import align, english, levels, names, pinyin, wordalign
from .analysis import Analysis
from .annotation import Annotation, EnToken, ZhToken
from .beads import join_paragraphs
from .corrections import Correction, apply_corrections
from .words import split_words, with_spaces


@dataclass(frozen=True)
class Options:
    """Choices for annotation: which HSK list grades words, textbook or citation tones,
    and the teacher's fixes to words in this article."""

    hsk_standard: str = levels.DEFAULT_STANDARD
    tone_sandhi: bool = True
    corrections: tuple[Correction, ...] = ()


@dataclass(frozen=True)
class SegmentData:
    zh: str
    en: str
    annotation: Annotation


@dataclass(frozen=True)
class PairData:
    zh: str
    en: str
    segments: list[SegmentData]

    @property
    def is_unmatched(self) -> bool:
        return not self.zh or not self.en


@dataclass(frozen=True)
class Progress:
    """How far ``build_pairs`` has got: paragraphs aligned, pairs and segments annotated."""

    paragraphs: int  # Chinese and English paragraphs, all aligned by the first report
    pairs: int  # the paragraph pairs they make
    pairs_done: int = 0  # pairs whose sentences are aligned and annotated
    segments: int = 0  # sentence pairs annotated so far


def annotate_segment(
    zh: str,
    en: str,
    options: Options = Options(),
    *,
    zh_words: list[str] | None = None,
    en_tokens: list[str] | None = None,
) -> SegmentData:
    """Words of the Chinese with pinyin, tones and level, each linked to its English words.

    ``zh_words`` are the Chinese words and ``en_tokens`` the English tokens
    (``english.tokenize``) when they are known already. Spaces the writer
    typed between the Chinese words are kept, as tokens of their own.
    """
    if zh_words is None:
        zh_words = split_words(zh) if zh else []
    zh_words = with_spaces(zh, zh_words)
    zh_tokens = pinyin.annotate_words(zh_words, sandhi=options.tone_sandhi) if zh_words else []
    en_texts = en_tokens if en_tokens is not None else english.tokenize(en) if en else []
    # Names whole (米/利 → 米利), read from the words, their readings and the English.
    spans = names.find_names(zh_words, [t.syllables for t in zh_tokens], en_texts)
    zh_tokens = [token for token, _ in names.join_names(zh_tokens, spans)]
    if options.corrections:  # the teacher's fixes win over the names found
        zh_tokens = apply_corrections(zh_tokens, options.corrections, sentence=zh)
    links = (
        wordalign.link_words(
            [t.text for t in zh_tokens], en_texts, [t.syllables for t in zh_tokens]
        )
        if zh and en
        else []
    )
    zh_links: dict[int, list[int]] = {}
    en_links: dict[int, list[int]] = {}
    for i, j in links:
        zh_links.setdefault(i, []).append(j)
        en_links.setdefault(j, []).append(i)
    # A word CC-CEDICT reads two ways takes the reading of the sense its English
    # shows (东西 linked to "things" is dōngxi, to "east and west" dōngxī).
    # A teacher's pinyin fix stays as the teacher wrote it.
    fixed = {c.word for c in options.corrections if c.kind == "pinyin" and c.applies_to(zh)}
    for i, js in zh_links.items():
        token = zh_tokens[i]
        if token.text in fixed:
            continue
        reading = pinyin.reading_for_links(token.text, [en_texts[j] for j in js])
        if reading and reading != token.syllables and len(reading) == len(token.syllables):
            zh_tokens[i] = ZhToken(token.text, reading, tuple(pinyin.tone_numbers(reading)))
    found = {span.start: span for span in spans}
    name_of = []  # each token's name, or None
    at = 0
    for token in zh_tokens:
        span = found.get(at)
        name_of.append(span if span and span.end == at + len(token.text) else None)
        at += len(token.text)
    if en_texts:
        _link_names(name_of, en_texts, zh_links, en_links)
    standard = options.hsk_standard
    annotated = tuple(
        _zh_token(
            token.text,
            token.syllables,
            token.tones,
            levels.word_level(token.text, standard) if token.syllables and not name else None,
            tuple(zh_links.get(i, ())),
            name=name is not None,
        )
        for i, (token, name) in enumerate(zip(zh_tokens, name_of, strict=True))
    )
    en_annotated = tuple(
        _en_token(text, tuple(en_links.get(j, ()))) for j, text in enumerate(en_texts)
    )
    return SegmentData(zh=zh, en=en, annotation=Annotation(annotated, en_annotated))


# Most tokens link to nothing (spaces, marks, function words), and making a
# frozen dataclass costs a few times a cache look-up: tokens are immutable, so
# one unlinked token serves wherever the same word is read the same way.
def _zh_token(
    text: str,
    syllables: tuple[str, ...],
    tones: tuple[int, ...],
    level: int | None,
    links: tuple[int, ...],
    *,
    name: bool = False,
) -> ZhToken:
    if links or name:
        return ZhToken(text, syllables, tones, level, links, name=name)
    return _unlinked_zh_token(text, syllables, tones, level)


def _en_token(text: str, links: tuple[int, ...]) -> EnToken:
    return EnToken(text, links) if links else _unlinked_en_token(text)


@lru_cache(maxsize=50_000)
def _unlinked_zh_token(
    text: str, syllables: tuple[str, ...], tones: tuple[int, ...], level: int | None
) -> ZhToken:
    return ZhToken(text, syllables, tones, level)


@lru_cache(maxsize=50_000)
def _unlinked_en_token(text: str) -> EnToken:
    return EnToken(text)


def _link_names(
    name_of: list[names.NameSpan | None],
    en_texts: list[str],
    zh_links: dict[int, list[int]],
    en_links: dict[int, list[int]],
) -> None:
    """Link each name the word linker left alone to the English form it was found by."""
    for i, span in enumerate(name_of):
        if span is None or not span.english or i in zh_links:
            continue
        parts = span.english.split(" ")
        for j, text in enumerate(en_texts):
            run = range(j, j + 2 * len(parts), 2)  # the words, a space apart
            if text == parts[0] and all(
                k < len(en_texts) and en_texts[k] == part and k not in en_links
                for k, part in zip(run, parts, strict=True)
            ):
                zh_links[i] = list(run)
                for k in run:
                    en_links[k] = [i]
                break


def build_segments(
    zh: list[str],
    en: list[str],
    options: Options = Options(),
    analysis: Analysis | None = None,
) -> list[SegmentData]:
    """Split one bead's paragraphs into sentences, align them and annotate each sentence bead.

    Each source paragraph is split on its own, so that a paragraph with no
    final punctuation (a credit line) never runs into the next one.
    """
    if analysis is None:
        analysis = Analysis()
    zh_sents = [s for paragraph in zh for s in analysis.sentences(paragraph, "zh")]
    en_sents = [s for paragraph in en for s in analysis.sentences(paragraph, "en")]
    beads: list[align.Bead]
    if not zh_sents or not en_sents:
        beads = [([i], []) for i in range(len(zh_sents))] + [
            ([], [j]) for j in range(len(en_sents))
        ]
    else:
        beads = align.align_sentences(zh_sents, en_sents, analysis)
    segments = []
    for zh_idx, en_idx in beads:
        en_text = " ".join(en_sents[j] for j in en_idx)
        segments.append(
            annotate_segment(
                "".join(zh_sents[i] for i in zh_idx),
                en_text,
                options,
                zh_words=[word for i in zh_idx for word in analysis.words(zh_sents[i])],
                en_tokens=analysis.tokens(en_text) if en_text else [],
            )
        )
    return segments


def build_pairs(
    zh: list[str],
    en: list[str],
    options: Options = Options(),
    progress: Callable[[Progress], None] | None = None,
) -> list[PairData]:
    """Align paragraphs, then sentences inside each pair; annotate every segment.

    ``progress``, when given, is told how far the work has got: once the
    paragraphs are aligned, and after each pair's sentences are annotated.
    """
    analysis = Analysis()
    beads = align.align_paragraphs(zh, en, analysis)
    done = Progress(paragraphs=len(zh) + len(en), pairs=len(beads))
    if progress:
        progress(done)
    pairs = []
    for zh_idx, en_idx in beads:
        zh_paras = [zh[i] for i in zh_idx]
        en_paras = [en[j] for j in en_idx]
        segments = build_segments(zh_paras, en_paras, options, analysis)
        pairs.append(
            PairData(zh=join_paragraphs(zh_paras), en=join_paragraphs(en_paras), segments=segments)
        )
        done = replace(done, pairs_done=len(pairs), segments=done.segments + len(segments))
        if progress:
            progress(done)
    return pairs


# How many of jieba's most frequent words ``warm_up`` prepares, beside the HSK lists.
COMMON_WORDS = 20_000


def warm_up(words: list[str] | None = None, standard: str = levels.DEFAULT_STANDARD) -> int:
    """Prepare what the pipeline knows of the common words before the first article.

    A process that imports articles keeps what it learns of each word (its
    dictionary entries, readings, English keys) for the next article, so the
    hundredth article is cheaper than the first. This does that learning
    ahead for the words of the HSK lists and jieba's most frequent words
    (about 23,000, nine in ten of the words in running text), once per
    process, in a few seconds; it returns how many words it prepared.
    ``words`` names other words to prepare instead.
    """
    from . import dictionary, translations
    from . import words as segmenter

    if words is None:
        tokenizer = segmenter.get_tokenizer()
        frequent = sorted(
            (word for word, count in tokenizer.FREQ.items() if count),
            key=tokenizer.FREQ.__getitem__,
            reverse=True,
        )[:COMMON_WORDS]
        words = [*levels.graded_words(standard), *frequent]
    common = sorted(set(words))
    for start in range(0, len(common), 2000):
        chunk = common[start : start + 2000]
        dictionary.prefetch(chunk)
        for word in chunk:
            if not dictionary.is_word(word):
                continue
            translations.translations(word)
            dictionary.english_words(word)
            pinyin.annotate_words([word])
    segmenter.word_class("的")  # jieba's tag table
    pinyin.warm_up()  # the polyphone model
    # What was prepared lives as long as the process: frozen, it is out of the
    # collector's sight, so a full collection no longer walks its hundreds of
    # thousands of objects (a fifth of a second each time), and a job forked
    # after this (RQ's) does not copy the pages the collector would touch.
    gc.collect()
    gc.freeze()
    return len(common)
