"""Measure the aligner against gold alignments, beside a plain Gale-Church baseline.

    python -m reader.text.align_eval tests/data/align [more folders or files]

Each ``*.json`` file holds one article (see ``tests/data/align/FORMAT.md``)::

    {"zh": ["段落", ...], "en": ["paragraph", ...],
     "gold": [[[0], [0]], [[1], []], [[2, 3], [1]], ...],    # paragraph beads in order
     "sentences": [                                          # optional
        {"bead": 0,                  # index into "gold" ("pair" is accepted too)
         "zh": ["句子。", ...],       # the sentences of that bead's zh paragraph(s)
         "en": ["A sentence.", ...],  # the sentences of its en paragraph(s)
         "gold": [[[0], [0, 1]], ...]},   # sentence beads, indices into those lists
        ...]}

Scoring, per file and micro-averaged over files (sum the counts, then divide):

1. one-sided beads are split into single 1-0 / 0-1 beads first, in gold and
   prediction alike ([[6, 7], []] is the same as [[6], []], [[7], []]);
2. bead precision / recall / F1: a predicted bead counts only when an
   identical bead is in the gold;
3. link precision / recall over the (zh_i, en_j) pairs inside beads.

Sentence level is scored inside each gold paragraph pair that has sentence
gold, with the gold sentences as input. A worked example of the rule:

    >>> counts([([0], [0]), ([1, 2], [1])], [([0], [0]), ([1], [1]), ([2], [])])
    (1, 2, 3, 2, 3, 2)

(1 of 2 predicted beads is right, 3 gold beads; links: 2 right of 3 predicted,
2 gold.) The baseline is Gale & Church (1993) as published: character
lengths, priors 0.89 / 0.0099 / 0.089 / 0.011, c = the document's length
ratio, s² = 6.8·c.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reader.text.align import Bead, _length_cost, align_paragraphs, align_sentences
from reader.text.align_features import text_length

__all__ = ["counts", "split_runs", "gale_church", "Score", "evaluate_file", "main"]


def split_runs(beads: Iterable) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Beads as tuples, with k-0 and 0-k beads split into k single ones."""
    out: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    for z, e in beads:
        if z and not e:
            out += [((i,), ()) for i in z]
        elif e and not z:
            out += [((), (j,)) for j in e]
        else:
            out.append((tuple(z), tuple(e)))
    return out


def counts(pred: Iterable, gold: Iterable) -> tuple[int, int, int, int, int, int]:
    """(bead tp, predicted beads, gold beads, link tp, predicted links, gold links)."""
    p, g = set(split_runs(pred)), set(split_runs(gold))

    def links(beads: set) -> set[tuple[int, int]]:
        return {(i, j) for z, e in beads for i in z for j in e}

    lp, lg = links(p), links(g)
    return len(p & g), len(p), len(g), len(lp & lg), len(lp), len(lg)


@dataclass
class Score:
    """Summed counts; ratios on demand so that files micro-average by addition."""

    c: list[int] = field(default_factory=lambda: [0] * 6)

    def add(self, other: Iterable[int]) -> None:
        self.c = [a + b for a, b in zip(self.c, other, strict=True)]

    @staticmethod
    def _div(a: int, b: int) -> float:
        return a / b if b else 1.0

    @property
    def precision(self) -> float:
        return self._div(self.c[0], self.c[1])

    @property
    def recall(self) -> float:
        return self._div(self.c[0], self.c[2])

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def link_precision(self) -> float:
        return self._div(self.c[3], self.c[4])

    @property
    def link_recall(self) -> float:
        return self._div(self.c[3], self.c[5])

    @property
    def empty(self) -> bool:
        return self.c[2] == 0

    def __str__(self) -> str:
        beads = f"P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f}"
        return f"{beads} | link P {self.link_precision:.3f} R {self.link_recall:.3f}"


_GC_PRIORS = {
    (1, 1): 0.89,
    (1, 0): 0.0099 / 2,
    (0, 1): 0.0099 / 2,
    (2, 1): 0.089 / 2,
    (1, 2): 0.089 / 2,
    (2, 2): 0.011,
}


def gale_church(zh: list[str], en: list[str], c: float | None = None) -> list[Bead]:
    """Plain Gale-Church on character lengths (whitespace removed): the baseline."""
    lz = [text_length(t) for t in zh]
    le = [text_length(t) for t in en]
    if c is None:
        c = sum(le) / sum(lz) if sum(lz) and sum(le) else 1.0
    s2 = 6.8 * c
    n, m = len(lz), len(le)
    inf = math.inf
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            for (di, dj), prior in _GC_PRIORS.items():
                if i < di or j < dj or cost[i - di][j - dj] == inf:
                    continue
                total = (
                    cost[i - di][j - dj]
                    - math.log(prior)
                    + _gc_match(sum(lz[i - di : i]), sum(le[j - dj : j]), c, s2)
                )
                if total < cost[i][j]:
                    cost[i][j], back[i][j] = total, (di, dj)
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]
        beads.append((list(range(i - di, i)), list(range(j - dj, j))))
        i, j = i - di, j - dj
    return beads[::-1]


def _gc_match(lz: int, le: int, c: float, s2: float) -> float:
    # As in Gale & Church's program: δ = (l_en − c·l_zh) / √(l_zh·s²), with the
    # Chinese side as the source; a 0-1 bead uses the English length instead.
    if lz == 0 and le == 0:
        return 0.0
    if lz == 0:
        return _length_cost(0, le, c, s2)
    delta = abs(le - c * lz) / math.sqrt(lz * s2)
    tail = math.erfc(delta / math.sqrt(2))
    return -math.log(tail) if tail > 1e-300 else delta * delta / 2


def _gold_beads(raw: list) -> list[Bead]:
    return [(list(z), list(e)) for z, e in raw]


def evaluate_file(path: Path) -> dict[str, Score]:
    """Scores of ours and the baseline on one file, at both levels."""
    data = json.loads(path.read_text(encoding="utf-8"))
    zh, en, gold = data["zh"], data["en"], _gold_beads(data["gold"])
    scores = {key: Score() for key in ("para", "para_gc", "sent", "sent_gc")}
    scores["para"].add(counts(align_paragraphs(zh, en), gold))
    scores["para_gc"].add(counts(gale_church(zh, en), gold))
    doc_c = sum(map(text_length, en)) / max(sum(map(text_length, zh)), 1)
    for entry in data.get("sentences") or []:
        szh, sen, sgold = entry["zh"], entry["en"], _gold_beads(entry["gold"])
        if not szh or not sen:
            continue
        scores["sent"].add(counts(align_sentences(szh, sen), sgold))
        scores["sent_gc"].add(counts(gale_church(szh, sen, doc_c), sgold))
    return scores


def _files(args: list[str]) -> list[Path]:
    files: list[Path] = []
    for arg in args:
        path = Path(arg)
        files += sorted(path.glob("*.json")) if path.is_dir() else [path]
    return files


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: python -m reader.text.align_eval FOLDER_OR_FILE ...", file=sys.stderr)
        return 2
    total = {key: Score() for key in ("para", "para_gc", "sent", "sent_gc")}
    for path in _files(args):
        scores = evaluate_file(path)
        print(path.name)
        for level, label in (("para", "paragraph"), ("sent", "sentence")):
            if scores[level].empty:
                continue
            print(f"  {label:9}  ours     {scores[level]}")
            print(f"  {'':9}  baseline {scores[level + '_gc']}")
        for key, score in scores.items():
            total[key].add(score.c)
    print("overall (micro-average)")
    for level, label in (("para", "paragraph"), ("sent", "sentence")):
        if total[level].empty:
            continue
        print(f"  {label:9}  ours     {total[level]}")
        print(f"  {'':9}  baseline {total[level + '_gc']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
