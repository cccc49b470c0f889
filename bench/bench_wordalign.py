"""Score the word aligner on the hand-annotated gold set, and time it.

    python bench/bench_wordalign.py            (or: make bench)

The gold set is ``tests/data/wordalign/*.json`` (format and scoring in the
README there). Gold links name text, not tokens, so they survive changes
to the segmenter: a predicted link is correct when its Chinese token
overlaps a gold Chinese span and its English token overlaps an English
word linked to that span; a gold link is found when some predicted link
covers it that way. Precision and recall are counted over links.

Prints precision, recall and F1 over all pairs, the per-pair errors with
``-v``, and the time per sentence pair (jieba and CC-CEDICT already
loaded; tokenizing the English and linking, not segmenting the Chinese,
which the importer does anyway).
"""

from __future__ import annotations

import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.text import english, translations  # noqa: E402
from reader.text.wordalign import link_words  # noqa: E402
from reader.text.words import split_words  # noqa: E402

GOLD_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "wordalign"

Span = tuple[int, int]


@dataclass
class GoldPair:
    id: str
    zh: str
    en: str
    links: list[tuple[Span, Span]]  # (Chinese character span, English word span)


@dataclass
class Score:
    predicted: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.predicted += other.predicted
        self.correct += other.correct
        self.gold += other.gold
        self.found += other.found


def _occurrence(spec: str) -> tuple[str, int]:
    text, _, k = spec.partition("#")
    return text, int(k) if k else 1


def _zh_span(text: str, spec: str) -> Span:
    target, k = _occurrence(spec)
    start = -1
    for _ in range(k):
        start = text.find(target, start + 1)
        if start < 0:
            raise ValueError(f"{spec!r} not found in {text!r}")
    return start, start + len(target)


def _en_span(text: str, spec: str) -> Span:
    # A whole word: not inside a longer word (an apostrophe followed by a
    # letter continues a word, as in "he'll"; a closing quote does not).
    target, k = _occurrence(spec)
    pattern = re.compile(r"(?<!\w)(?<!\w['’])" + re.escape(target) + r"(?!\w)(?!['’]\w)")
    matches = list(pattern.finditer(text))
    if len(matches) < k:
        raise ValueError(f"{spec!r} not found in {text!r}")
    return matches[k - 1].span()


def load_gold(directory: Path = GOLD_DIR) -> list[GoldPair]:
    """Every pair of every ``*.json`` file in ``directory``, links resolved to spans."""
    pairs = []
    for path in sorted(directory.glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            links = []
            for zh_spec, en_specs in item["links"]:
                zs = _zh_span(item["zh"], zh_spec)
                links.extend((zs, _en_span(item["en"], spec)) for spec in en_specs.split())
            pairs.append(GoldPair(item["id"], item["zh"], item["en"], links))
    return pairs


def token_spans(text: str, tokens: list[str]) -> list[Span]:
    """Character span of each token in ``text`` (tokens in order, whitespace may be skipped)."""
    spans = []
    pos = 0
    for token in tokens:
        start = text.find(token, pos)
        if start < 0:
            raise ValueError(f"token {token!r} not in {text!r}")
        spans.append((start, start + len(token)))
        pos = start + len(token)
    return spans


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_pair(
    pair: GoldPair, zh_tokens: list[str], en_tokens: list[str], links: list[tuple[int, int]]
) -> tuple[Score, list[str]]:
    """Score predicted token links against the pair's gold; also list the mistakes."""
    zs = token_spans(pair.zh, zh_tokens)
    es = token_spans(pair.en, en_tokens)
    score = Score(predicted=len(links), gold=len(pair.links))
    errors = []
    for i, j in links:
        if any(_overlap(zs[i], g[0]) and _overlap(es[j], g[1]) for g in pair.links):
            score.correct += 1
        else:
            errors.append(f"  wrong   {zh_tokens[i]} ↔ {en_tokens[j]}")
    for g in pair.links:
        if any(_overlap(zs[i], g[0]) and _overlap(es[j], g[1]) for i, j in links):
            score.found += 1
        else:
            errors.append(f"  missed  {pair.zh[slice(*g[0])]} ↔ {pair.en[slice(*g[1])]}")
    return score, errors


def evaluate(pairs: list[GoldPair], verbose: bool = False) -> Score:
    """Link every gold pair with the current segmenter and aligner; total score."""
    total = Score()
    for pair in pairs:
        zh_tokens = split_words(pair.zh)
        en_tokens = english.tokenize(pair.en)
        score, errors = score_pair(pair, zh_tokens, en_tokens, link_words(zh_tokens, en_tokens))
        total.add(score)
        if verbose and errors:
            print(f"{pair.id}: P {score.precision:.2f} R {score.recall:.2f}")
            print("\n".join(errors))
    return total


def time_per_pair(pairs: list[GoldPair], rounds: int = 5, repeat: int = 5) -> float:
    """Seconds to tokenize the English and link one pair (segmentation done before).

    Warm: dictionary, pinyin and word caches loaded. The best of ``repeat``
    runs, as timeit does, so that other processes on the machine do not count.
    """
    data = [(split_words(p.zh), p.en) for p in pairs]
    for zh_tokens, en in data:
        link_words(zh_tokens, english.tokenize(en))
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(rounds):
            for zh_tokens, en in data:
                link_words(zh_tokens, english.tokenize(en))
        best = min(best, (time.perf_counter() - t0) / (rounds * len(data)))
    return best


def time_cold_cache(pairs: list[GoldPair], repeat: int = 3) -> float:
    """Seconds per pair when every word is met for the first time (word caches cleared)."""

    data = [(split_words(p.zh), p.en) for p in pairs]
    best = float("inf")
    for _ in range(repeat):
        for cached in (
            translations.translations,
            translations.compound_translations,
            translations.english_keys,
        ):
            cached.cache_clear()
        t0 = time.perf_counter()
        for zh_tokens, en in data:
            link_words(zh_tokens, english.tokenize(en))
        best = min(best, (time.perf_counter() - t0) / len(data))
    return best


def main(verbose: bool = False) -> Score:
    pairs = load_gold()
    n_words = sum(sum(map(english.is_word, english.tokenize(p.en))) for p in pairs)
    score = evaluate(pairs, verbose=verbose)
    warm = time_per_pair(pairs)
    cold = time_cold_cache(pairs)
    print(
        f"word alignment, {len(pairs)} gold pairs"
        f" ({score.gold} gold links, {n_words} English words)"
    )
    print(
        f"  precision {score.precision:.3f}  recall {score.recall:.3f}  F1 {score.f1:.3f}"
        f"  ({score.correct}/{score.predicted} predicted correct, {score.found}/{score.gold} found)"
    )
    print(
        f"  {warm * 1000:.3f} ms per sentence pair (warm caches), "
        f"{cold * 1000:.3f} ms with a cold word cache"
    )
    return score


if __name__ == "__main__":
    main(verbose="-v" in sys.argv[1:])
