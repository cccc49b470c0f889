"""From two lists of paragraphs to everything the reader shows: the save-time pipeline.

Paragraphs are aligned first; inside each paragraph bead the sentences
are aligned, and every sentence bead becomes a segment whose Chinese is
annotated word by word (pinyin, tones, HSK level) and linked to the
English words it became. This is the heavy work that happens once, when
an article is saved, so that a page view only reads.

>>> pairs = build_pairs(["我们去银行。"], ["We go to the bank."])
>>> segment = pairs[0].segments[0]
>>> segment.tokens[2]
{'t': '银行', 'py': ['yín', 'háng'], 'tn': [2, 2], 'h': 3, 'l': [8]}
>>> segment.en_tokens[8]
{'t': 'bank', 'l': [2]}
"""

from dataclasses import dataclass, field

from . import align, english, levels, pinyin, sentences, wordalign
from .corrections import Correction, apply_corrections

PARAGRAPH_SEPARATOR = "\n"


@dataclass(frozen=True)
class Options:
    """Choices for annotation: which HSK list grades words, textbook or citation tones,
    and the teacher's fixes to words in this article."""

    hsk_standard: str = levels.DEFAULT_STANDARD
    tone_sandhi: bool = True
    corrections: tuple[Correction, ...] = ()


@dataclass
class SegmentData:
    zh: str
    en: str
    tokens: list[dict] = field(default_factory=list)
    en_tokens: list[dict] = field(default_factory=list)

    def annotation(self) -> dict:
        return {"tokens": self.tokens, "en": self.en_tokens}


@dataclass
class PairData:
    zh: str
    en: str
    segments: list[SegmentData]

    @property
    def is_unmatched(self) -> bool:
        return not self.zh or not self.en


def annotate_segment(zh: str, en: str, options: Options = Options()) -> SegmentData:
    """Words of the Chinese with pinyin, tones and level, each linked to its English words.

    A Chinese token ``{"t", "py", "tn", "h", "l"}`` carries its HSK level
    (``h``) and the indices of the English tokens it became (``l``); an
    English token ``{"t", "l"}`` carries the indices of its Chinese words.
    Keys with nothing to say are left out, to keep the stored rows small.
    """
    zh_tokens = pinyin.annotate_tokens(zh, sandhi=options.tone_sandhi) if zh else []
    if options.corrections:
        zh_tokens = apply_corrections(zh_tokens, options.corrections)
    en_texts = english.tokenize(en) if en else []
    links = wordalign.link_words([t.text for t in zh_tokens], en_texts) if zh and en else []
    zh_links: dict[int, list[int]] = {}
    en_links: dict[int, list[int]] = {}
    for i, j in links:
        zh_links.setdefault(i, []).append(j)
        en_links.setdefault(j, []).append(i)
    tokens = []
    for i, token in enumerate(zh_tokens):
        data = token.as_dict()
        if token.pinyin:
            level = levels.word_level(token.text, options.hsk_standard)
            if level is not None:
                data["h"] = level
        if i in zh_links:
            data["l"] = zh_links[i]
        tokens.append(data)
    en_tokens = [
        {"t": text, "l": en_links[j]} if j in en_links else {"t": text}
        for j, text in enumerate(en_texts)
    ]
    return SegmentData(zh=zh, en=en, tokens=tokens, en_tokens=en_tokens)


def build_segments(zh: list[str], en: list[str], options: Options = Options()) -> list[SegmentData]:
    """Split one bead's paragraphs into sentences, align them and annotate each sentence bead.

    Each source paragraph is split on its own, so that a paragraph with no
    final punctuation (a credit line) never runs into the next one.
    """
    zh_sents = [s for paragraph in zh for s in sentences.split_zh(paragraph)]
    en_sents = [s for paragraph in en for s in sentences.split_en(paragraph)]
    if not zh_sents or not en_sents:
        beads = [([i], []) for i in range(len(zh_sents))] + [
            ([], [j]) for j in range(len(en_sents))
        ]
    else:
        beads = align.align_sentences(zh_sents, en_sents)
    return [
        annotate_segment(
            "".join(zh_sents[i] for i in zh_idx),
            " ".join(en_sents[j] for j in en_idx),
            options,
        )
        for zh_idx, en_idx in beads
    ]


def build_pairs(zh: list[str], en: list[str], options: Options = Options()) -> list[PairData]:
    """Align paragraphs, then sentences inside each pair; annotate every segment."""
    pairs = []
    for zh_idx, en_idx in align.align_paragraphs(zh, en):
        zh_paras = [zh[i] for i in zh_idx]
        en_paras = [en[j] for j in en_idx]
        pairs.append(
            PairData(
                zh=PARAGRAPH_SEPARATOR.join(zh_paras),
                en=PARAGRAPH_SEPARATOR.join(en_paras),
                segments=build_segments(zh_paras, en_paras, options),
            )
        )
    return pairs
