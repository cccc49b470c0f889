"""Segmentation for a reader: dictionary coverage and word F1.

    python bench/bench_segment.py            (or: make bench)

Prints:

* **coverage**: the share of Chinese tokens that have a CC-CEDICT entry,
  on the seed article (its Chinese paragraphs) and on the alignment
  evaluation articles (``tests/data/align/*.json``, Chinese side).
  Names (jieba's name tags, capitalised CC-CEDICT pinyin, transliterated
  names) and numbers are left out: a learner does not look them up.
  Shown for plain jieba beside ``words.split_words``.
* **word F1** of ``words.split_words`` against ``tests/data/segmentation/``,
  sentences segmented by hand after the PKU standard (see its README).
* **speed**: ms per 1,000 characters for ``words.split_words``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import ms_per_thousand_chars  # noqa: E402

from reader.text import words as segmenter  # noqa: E402
from reader.text.dictionary import is_proper_name, is_word  # noqa: E402
from reader.text.lexicon import HAN_RE  # noqa: E402
from reader.text.parse import parse_seed  # noqa: E402

SEED = ROOT / "seeds" / "milley-tin-cup.txt"
ALIGN = ROOT / "tests" / "data" / "align"
SEGMENTATION = ROOT / "tests" / "data" / "segmentation" / "pku_style.txt"
_NUMERAL = set("〇零一二两三四五六七八九十百千万亿第半几")


def seed_paragraphs() -> list[str]:
    return parse_seed(SEED.read_text(encoding="utf-8")).zh


def eval_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted(ALIGN.glob("*.json")):
        paragraphs.extend(json.loads(path.read_text(encoding="utf-8"))["zh"])
    return paragraphs


def counts(token: str) -> bool:
    """Whether a token is a Chinese word a learner would look up (not a name, not a number)."""
    if not HAN_RE.search(token) or not all(HAN_RE.fullmatch(char) for char in token):
        return False
    if all(char in _NUMERAL for char in token):
        return False
    return not (is_proper_name(token) or (not is_word(token) and segmenter.is_name_like(token)))


def coverage(
    paragraphs: list[str], cut=segmenter.split_words
) -> tuple[float, int, list[str], list[str]]:
    """Share of counted tokens with a CC-CEDICT entry, how many counted, the misses, the names."""
    counted = missing = 0
    misses, names = [], []
    for paragraph in paragraphs:
        for token in cut(paragraph):
            if HAN_RE.fullmatch(token[:1]) and not counts(token) and not set(token) <= _NUMERAL:
                names.append(token)
            if counts(token):
                counted += 1
                if not is_word(token):
                    missing += 1
                    misses.append(token)
    return (1 - missing / counted if counted else 1.0), counted, misses, names


def jieba_words(text: str) -> list[str]:
    return [t for t in segmenter.get_tokenizer().cut(text) if t.strip()]


def load_gold(path: Path = SEGMENTATION) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split() for line in lines if line.strip() and not line.startswith("#")]


def _spans(tokens: list[str]) -> set[tuple[int, int]]:
    spans, pos = set(), 0
    for token in tokens:
        spans.add((pos, pos + len(token)))
        pos += len(token)
    return spans


def word_prf(gold: list[list[str]], cut=segmenter.split_words) -> tuple[float, float, float]:
    """Word precision, recall and F1 (SIGHAN scoring: a word is right when both ends are)."""
    right = found = wanted = 0
    for tokens in gold:
        predicted = _spans(cut("".join(tokens)))
        expected = _spans(tokens)
        right += len(predicted & expected)
        found += len(predicted)
        wanted += len(expected)
    p, r = right / found, right / wanted
    return p, r, 2 * p * r / (p + r)


def speed(paragraphs: list[str], cut=segmenter.split_words, repeat: int = 3) -> float:
    """Milliseconds per 1,000 characters (best of ``repeat``; caches cleared each time)."""
    return ms_per_thousand_chars(
        paragraphs, cut, before=segmenter._split_into_entries.cache_clear, repeat=repeat
    )


def main() -> None:
    seed, evaluation = seed_paragraphs(), eval_paragraphs()
    segmenter.split_words("预热")  # load jieba, its tags and CC-CEDICT before timing
    print("Segmentation for a reader (CC-CEDICT coverage of Chinese tokens, names/numbers aside)")
    for name, paragraphs in (("seed", seed), ("eval articles", evaluation)):
        ours, n, misses, names = coverage(paragraphs)
        plain, n_plain, _, _ = coverage(paragraphs, jieba_words)
        print(
            f"  {name:14} split_words {ours:.3f} ({n} tokens)   "
            f"plain jieba {plain:.3f} ({n_plain} tokens)"
        )
        if misses:
            print(f"  {'':14} no entry: {' '.join(sorted(set(misses))[:20])}")
        unknown = sorted({name for name in names if not is_word(name)})
        print(
            f"  {'':14} left out as names: {len(names)} tokens; not in CC-CEDICT: "
            f"{' '.join(unknown[:30])}{' …' if len(unknown) > 30 else ''}"
        )
    if not SEGMENTATION.exists():
        return
    gold = load_gold()
    p, r, f = word_prf(gold)
    jp, jr, jf = word_prf(gold, jieba_words)
    words = sum(map(len, gold))
    print(
        f"Word P/R/F1 on {len(gold)} PKU-style sentences ({words} words), tests/data/segmentation"
    )
    print(f"  split_words    P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    print(f"  plain jieba    P {jp:.3f}  R {jr:.3f}  F1 {jf:.3f}")
    text = seed + evaluation
    print(
        f"Speed on {sum(map(len, text)):,} characters: split_words "
        f"{speed(text):.1f} ms / 1,000 chars, plain jieba {speed(text, jieba_words):.1f}"
    )


if __name__ == "__main__":
    main()
