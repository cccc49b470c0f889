"""From two lists of paragraphs to everything the reader shows: the save-time pipeline.

Paragraphs are aligned first; inside each paragraph bead the sentences
are aligned, and every sentence bead becomes a segment with its Chinese
annotated word by word (pinyin and tones). This is the heavy work that
happens once, when an article is saved, so that a page view only reads.

>>> pairs = build_pairs(["我们去银行。"], ["We go to the bank."])
>>> pairs[0].segments[0].tokens[2]
{'t': '银行', 'py': ['yín', 'háng'], 'tn': [2, 2]}
"""

from dataclasses import dataclass, field

from . import align, pinyin, sentences

PARAGRAPH_SEPARATOR = "\n"


@dataclass
class SegmentData:
    zh: str
    en: str
    tokens: list[dict] = field(default_factory=list)

    def annotation(self) -> dict:
        return {"tokens": self.tokens}


@dataclass
class PairData:
    zh: str
    en: str
    segments: list[SegmentData]

    @property
    def is_unmatched(self) -> bool:
        return not self.zh or not self.en


def build_segments(zh: list[str], en: list[str]) -> list[SegmentData]:
    """Split one bead's paragraphs into sentences, align them and annotate the Chinese.

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
    segments = []
    for zh_idx, en_idx in beads:
        seg_zh = "".join(zh_sents[i] for i in zh_idx)
        seg_en = " ".join(en_sents[j] for j in en_idx)
        tokens = [token.as_dict() for token in pinyin.annotate_tokens(seg_zh)] if seg_zh else []
        segments.append(SegmentData(zh=seg_zh, en=seg_en, tokens=tokens))
    return segments


def build_pairs(zh: list[str], en: list[str]) -> list[PairData]:
    """Align paragraphs, then sentences inside each pair; annotate every segment."""
    pairs = []
    for zh_idx, en_idx in align.align_paragraphs(zh, en):
        zh_paras = [zh[i] for i in zh_idx]
        en_paras = [en[j] for j in en_idx]
        pairs.append(
            PairData(
                zh=PARAGRAPH_SEPARATOR.join(zh_paras),
                en=PARAGRAPH_SEPARATOR.join(en_paras),
                segments=build_segments(zh_paras, en_paras),
            )
        )
    return pairs
