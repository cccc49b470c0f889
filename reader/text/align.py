"""Paragraph and sentence alignment of a Chinese text with its English translation.

One dynamic programme for both levels. It walks the two lists in reading
order and cuts them into *beads*: 1-1 (a paragraph and its translation),
1-0 / 0-1 (no counterpart: a caption, a photo credit, an editor's note),
2-1 / 1-2 / 2-2 (a translator merged or split paragraphs), and at sentence
level also 1-3 / 3-1 / 1-4 / 2-3. A bead's cost is

    prior(bead type)                      how often translators do this
  + length cost                           Gale & Church (1993): English characters
                                          ≈ c · Chinese characters, variance s² per char
  − lexical evidence                      log-likelihood ratio of the words, numbers,
                                          names and quotes that find a partner across
                                          (dictionary translations, anchors, names)

and one-sided beads cost a constant skip penalty, lower for paratext
(captions, credits, bylines, datelines, "Related:" lines, recognised by
shape in ``align_features``). The lexical term is what the length-only
method lacks: a caption glued onto its neighbour brings words that match
nothing on the other side, and each unmatched word costs.

Two second looks at paragraph level, because the DP sees a paragraph as one
bag of words:

- the hit rate a translation shows is estimated on the first path; a free
  translation (names rendered as meanings, loose paraphrase) lowers it, so a
  long true pair with few dictionary matches is not dearer than skipping
  both sides, and the DP runs again;
- neighbouring beads are re-read sentence by sentence (``_Refiner``): a
  sentence moved across a paragraph boundary makes two 1-1 beads a 2-2, and
  a skipped paragraph whose content opens or closes its neighbour's
  translation joins it as a 2-1 / 1-2.

    >>> align_paragraphs(
    ...     ["普京周一会见了金正恩。", "图：新闻照片", "米利说，战争还在继续。"],
    ...     ["Putin met Kim Jong Un on Monday.", "The war goes on, Milley said."],
    ... )
    [([0], [0]), ([1], []), ([2], [1])]

Figures (estimated on the 1-1 beads of a development set of five human
translations, 297 Chinese / 283 English paragraphs, news-like and literary;
the English length is counted without spaces):

    c  = 3.1  English characters per Chinese character (documents range
         2.7-3.6; the document's own ratio, clamped to [c/2, 2c], pulls
         half-way in log space)
    s² = 30   variance of the English length per Chinese character
         (documents 17-54; Gale & Church's 6.8 is for European pairs)
    a content word finds a dictionary partner across a true pair 43% of the
    time, across an unrelated pair 9%; anchors 61% vs 20% (Chinese side).
    Paragraph bead F1 on that set: 0.954 (Gale-Church: 0.820); sentence
    bead F1 inside the gold pairs: 0.945 (Gale-Church: 0.811). On
    tests/data/align (13 articles written for this project): 0.987 and
    0.973 (Gale-Church: 0.690 and 0.894).

Search: the DP only visits a band of half-width w around the diagonal
(scaled to n:m); if the best path comes within two cells of the band's
edge, w doubles and the search reruns. Back-pointers are kept only inside
the band, so memory is O((n + m) · w). The pair evidence is computed once
per (zh, en) pair in the band, and a unit's lexical term against a run of
units opposite once per run, shared by every bead that uses it; the bead
costs are computed a row at a time and kept for the re-run with a wider band.
1,000 × 1,000 paragraphs align in about 1.1 s (bench/bench_align.py).
"""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass, field
from typing import NamedTuple

from reader.text.align_features import Unit, merge_units
from reader.text.analysis import Analysis

__all__ = [
    "AlignmentError",
    "Bead",
    "Params",
    "PARAGRAPH_PARAMS",
    "SENTENCE_PARAMS",
    "align_paragraphs",
    "align_sentences",
    "align_units",
]

Bead = tuple[list[int], list[int]]


class AlignmentError(ValueError):
    """The texts cannot be aligned (an empty side); the message says why."""


@dataclass(frozen=True)
class Params:
    """The knobs of the cost. Defaults are the paragraph-level figures."""

    # Bead type (zh count, en count) → prior probability.
    priors: dict[tuple[int, int], float] = field(
        default_factory=lambda: {
            (1, 1): 0.89,
            (1, 0): 0.02,
            (0, 1): 0.02,
            (2, 1): 0.03,
            (1, 2): 0.03,
            (2, 2): 0.005,
        }
    )
    c: float = 3.1  # English characters per Chinese character
    s2: float = 30.0  # variance of the English length per Chinese character
    c_weight: float = 0.5  # how far the document's own ratio pulls c
    length_weight: float = 1.0
    # Lexical model, per item and per side/class (zh word, zh anchor, en word,
    # en anchor): an item of a true pair finds its partner with probability
    # p1 = t + (1 − t)·p0, p0 = 1 − exp(−q·n) being the chance of a random hit
    # against the n items of the other side. A hit scores log(p1/p0), a miss
    # log((1−p1)/(1−p0)) = log(1 − t): hits against a big merged side count less.
    translated: tuple[float, float, float, float] = (0.37, 0.51, 0.38, 0.38)
    chance: tuple[float, float, float, float] = (0.0052, 0.0118, 0.0042, 0.0075)
    lexical_weight: float = 1.0
    adapt_translated: bool = True  # re-estimate ``translated`` on the document (free translations)
    skip: float = 2.0  # cost of a one-sided bead beyond its prior
    # A paragraph merged into a 2-1 / 1-2 bead although none of its words found a
    # partner: a caption or credit glued to its neighbour, the error to avoid.
    unsupported: float = 4.0
    # Paratext (captions, credits, bylines, links; see align_features): a one-sided
    # bead is cheaper, pairing it or merging it dearer.
    paratext_skip: float = 4.0
    paratext_paired: float = 2.0
    paratext_paired_conventional: float = 4.0  # a conventional opening (Related:, 图为…)
    paratext_merged: float = 4.0
    band: int = 6  # initial half-width of the search band (doubles when the path nears its edge)
    # Second look at the path with the sentences of neighbouring beads (paragraph
    # level only): a sentence moved across a paragraph boundary makes a 2-2 bead,
    # a skipped paragraph whose content opens or closes its neighbour's
    # translation a 2-1 / 1-2 bead.
    refine: bool = True
    refine_margin: float = 0.0


PARAGRAPH_PARAMS = Params()
SENTENCE_PARAMS = Params(
    priors={
        (1, 1): 0.75,
        (1, 0): 0.01,
        (0, 1): 0.01,
        (2, 1): 0.04,
        (1, 2): 0.12,
        # Two short sentences read as one 2-2 bead hide a 1-1 + 1-1 that the
        # learner would rather see; a true 2-2 is rarer than a 2-3.
        (2, 2): 0.002,
        (1, 3): 0.04,
        (3, 1): 0.01,
        # English splits a long Chinese sentence (commas run on) four ways too.
        (1, 4): 0.01,
        (2, 3): 0.005,
    },
    # Inside a paragraph pair, short verbless sentences are dialogue, not paratext,
    # and a short sentence often has no dictionary match of its own.
    unsupported=0.0,
    refine=False,
    paratext_skip=0.0,
    paratext_paired=0.0,
    paratext_paired_conventional=0.0,
    paratext_merged=0.0,
)


def align_paragraphs(zh: list[str], en: list[str], analysis: Analysis | None = None) -> list[Bead]:
    """Align Chinese paragraphs with English paragraphs; beads in reading order.

    ``analysis`` keeps the texts' words, sentences and features for the
    steps that follow (sentence alignment, annotation), which need them too.
    """
    return align_units(zh, en, PARAGRAPH_PARAMS, analysis)


def align_sentences(zh: list[str], en: list[str], analysis: Analysis | None = None) -> list[Bead]:
    """Align the sentences inside one paragraph pair; beads in reading order."""
    return align_units(zh, en, SENTENCE_PARAMS, analysis)


def align_units(
    zh: list[str], en: list[str], params: Params, analysis: Analysis | None = None
) -> list[Bead]:
    """Align two lists of texts with the given cost parameters."""
    if not zh and not en:
        raise AlignmentError("both sides are empty")
    if not zh:
        raise AlignmentError("the Chinese side is empty")
    if not en:
        raise AlignmentError("the English side is empty")
    if analysis is None:
        analysis = Analysis()
    analysis.segment(zh)
    zu = [analysis.unit(t, "zh") for t in zh]
    eu = [analysis.unit(t, "en") for t in en]
    aligner = _Aligner(zu, eu, params)
    beads = aligner.run()
    if params.refine:
        beads = _Refiner(aligner, zh, en, analysis).refine(beads)
    return beads


_LOG2 = math.log(2)
_SQRT2 = math.sqrt(2)
_HALF_LOG_2PI = 0.5 * math.log(2 * math.pi)


def _length_cost(lz: int, le: int, c: float, s2: float) -> float:
    """Gale-Church: −log P(|δ| this large), δ the normalised length difference."""
    if lz == 0 and le == 0:
        return 0.0
    mean = (lz + le / c) / 2  # symmetric: neither side is "the source"
    delta = abs(le - c * lz) / math.sqrt((1.0 if mean < 1.0 else mean) * s2)
    # 2·(1 − Φ(δ)) = erfc(δ/√2); for large δ use the asymptote to avoid log(0).
    tail = math.erfc(delta / _SQRT2)
    if tail > 1e-300:
        return -math.log(tail)
    return delta * delta / 2 + math.log(delta) + _HALF_LOG_2PI - _LOG2


@functools.lru_cache(maxsize=4096)
def _chance_hit(q: float, n_other: int) -> float:
    """p0: the chance that an item finds a partner among ``n_other`` unrelated ones."""
    # Capped: against a huge other side (one paragraph against fifty)
    # chance hits saturate, and a hit must still count for something.
    return min(max(1 - math.exp(-q * n_other), 1e-3), 0.6)


@functools.lru_cache(maxsize=4096)
def _item_llr(t: float, q: float, n_other: int) -> tuple[float, float]:
    """Score of an item's hit and of its miss, ``t`` the class's hit rate, ``q`` its chance."""
    p0 = _chance_hit(q, n_other)
    p1 = t + (1 - t) * p0
    return math.log(p1 / p0), -math.log(1 - t)


class _BeadTypes(NamedTuple):
    """The bead types of a parameter set, as the search takes them (shared: read only)."""

    order: tuple[tuple[int, int], ...]  # the search's order: smaller beads first
    prior: dict[tuple[int, int], float]  # −log prior
    downward: tuple[tuple[int, int, int], ...]  # (index in order, di, dj) of those with Chinese
    zh_runs: frozenset[int]  # how many Chinese units a bead can hold (when it holds any)
    en_runs: frozenset[int]


@functools.lru_cache(maxsize=16)
def _bead_types(priors: tuple[tuple[tuple[int, int], float], ...]) -> _BeadTypes:
    """The ``_BeadTypes`` of ``Params.priors`` (as items), worked out once."""
    order = tuple(sorted((t for t, _ in priors), key=lambda t: (max(t), t)))
    return _BeadTypes(
        order,
        {t: -math.log(p) for t, p in priors},
        tuple((t_idx, di, dj) for t_idx, (di, dj) in enumerate(order) if di > 0),
        frozenset(di for di, _ in order if di),
        frozenset(dj for _, dj in order if dj),
    )


class _Aligner:
    """The DP over two lists of units.

    ``like``: an aligner over a few other units (the refiner's merged
    sentences) that reads them with that aligner's document figures (c, the
    hit rates) and shares its caches of the figures' consequences.
    """

    c: float
    bead_types: _BeadTypes
    types: tuple[tuple[int, int], ...]
    prior: dict[tuple[int, int], float]
    translated: tuple[float, ...]
    _llr_cache: dict[tuple[int, int], tuple[tuple[float, float], tuple[float, float]]]

    def __init__(
        self, zu: list[Unit], eu: list[Unit], params: Params, like: _Aligner | None = None
    ) -> None:
        self.zu, self.eu, self.p = zu, eu, params
        self.n, self.m = len(zu), len(eu)
        # Length and items of zh[:i] (en[:j]): a merged side's sums without a loop.
        self._zh_length = [0, *itertools.accumulate(u.length for u in zu)]
        self._en_length = [0, *itertools.accumulate(u.length for u in eu)]
        self._zh_items = [0, *itertools.accumulate(u.n_items for u in zu)]
        self._en_items = [0, *itertools.accumulate(u.n_items for u in eu)]
        self.pairs: dict[tuple[int, int], tuple[int, int]] = {}
        # The lexical term of one unit against a run of units of the other side, with
        # its hits: (zh unit, run length) → {end of the English run: (cost, mask)},
        # and (end of the Chinese run, run length) → {en unit: (cost, mask)}. The
        # terms are all a bead needs of its words, and one term serves every bead
        # with the same run opposite: the 1-1 and 2-1 beads ending at one English
        # unit share their Chinese terms.
        self._zh_terms: dict[tuple[int, int], dict[int, tuple[float, int]]] = {}
        self._en_terms: dict[tuple[int, int], dict[int, tuple[float, int]]] = {}
        # The search's two-sided bead costs, (di, dj, i) → (first j, costs from
        # there on): a re-run with a wider band visits the same cells again. These
        # and the terms depend on ``translated``: cleared when it changes.
        self._costs: dict[tuple[int, int, int], tuple[int, list[float]]] = {}
        if like is not None:
            self.c, self.bead_types = like.c, like.bead_types
            self.types, self.prior = like.types, like.prior
            self.translated, self._llr_cache = like.translated, like._llr_cache
            return
        total_z, total_e = self._zh_length[-1], self._en_length[-1]
        c = params.c
        if total_z > 0 and total_e > 0:
            doc_c = min(max(total_e / total_z, c / 2), c * 2)
            c = math.exp((1 - params.c_weight) * math.log(c) + params.c_weight * math.log(doc_c))
        self.c = c
        self.bead_types = _bead_types(tuple(params.priors.items()))
        self.types, self.prior = self.bead_types.order, self.bead_types.prior
        self._llr_cache = {}
        self.translated = params.translated

    def pair(self, i: int, j: int) -> tuple[int, int]:
        """(zh items of i matched by j, en items of j matched by i), as bit masks."""
        key = (i, j)
        hit = self.pairs.get(key)
        if hit is None:
            z, e = self.zu[i], self.eu[j]
            zbits, ebits = z.key_bits, e.key_bits
            zmask = emask = 0
            for k in z.keys & e.keys:
                zmask |= zbits[k]
                emask |= ebits[k]
            hit = self.pairs[key] = (zmask, emask)
        return hit

    def lexical(self, unit: Unit, mask: int, n_other: int, side: int) -> float:
        """Cost (negative = evidence for) of ``unit``'s items, ``mask`` being its hits."""
        llr = self._llr_cache.get((side, n_other)) or self._llr(side, n_other)
        (gain_word, gain_anchor), (loss_word, loss_anchor) = llr
        anchors_hit = (mask & unit.anchor_mask).bit_count()
        word_hit = mask.bit_count() - anchors_hit
        anchors_miss = unit.n_anchors - anchors_hit
        word_miss = unit.n_items - unit.n_anchors - word_hit
        return self.p.lexical_weight * (
            word_miss * loss_word
            + anchors_miss * loss_anchor
            - word_hit * gain_word
            - anchors_hit * gain_anchor
        )

    def _llr(self, side: int, n_other: int) -> tuple[tuple[float, float], tuple[float, float]]:
        key = (side, n_other)
        hit = self._llr_cache.get(key)
        if hit is None:
            t, q = self.translated, self.p.chance
            gain_word, loss_word = _item_llr(t[side], q[side], n_other)
            gain_anchor, loss_anchor = _item_llr(t[side + 1], q[side + 1], n_other)
            hit = self._llr_cache[key] = ((gain_word, gain_anchor), (loss_word, loss_anchor))
        return hit

    def _zh_term(self, a: int, j: int, dj: int) -> tuple[float, int]:
        """Lexical cost of zh[a] against en[j-dj:j], and the mask of its hits."""
        pairs = self.pairs
        mask = 0
        for b in range(j - dj, j):
            mask |= (pairs.get((a, b)) or self.pair(a, b))[0]
        n_other = self._en_items[j] - self._en_items[j - dj]
        term = (self.lexical(self.zu[a], mask, n_other, 0), mask)
        self._zh_terms.setdefault((a, dj), {})[j] = term
        return term

    def _en_term(self, b: int, i: int, di: int) -> tuple[float, int]:
        """Lexical cost of en[b] against zh[i-di:i], and the mask of its hits."""
        pairs = self.pairs
        mask = 0
        for a in range(i - di, i):
            mask |= (pairs.get((a, b)) or self.pair(a, b))[1]
        n_other = self._zh_items[i] - self._zh_items[i - di]
        term = (self.lexical(self.eu[b], mask, n_other, 2), mask)
        self._en_terms.setdefault((i, di), {})[b] = term
        return term

    def _pair_terms(self, a: int, b: int) -> tuple[tuple[float, int], tuple[float, int]]:
        """The terms of zh[a] against en[b] and of en[b] against zh[a] (one pair's)."""
        z, e = self.zu[a], self.eu[b]
        zmask, emask = self.pair(a, b)
        z_term = (self.lexical(z, zmask, e.n_items, 0), zmask)
        e_term = (self.lexical(e, emask, z.n_items, 2), emask)
        self._zh_terms.setdefault((a, 1), {})[b + 1] = z_term
        self._en_terms.setdefault((a + 1, 1), {})[b] = e_term
        return z_term, e_term

    def bead_cost(self, i: int, j: int, di: int, dj: int) -> float:
        """Cost of the bead zh[i-di:i] ↔ en[j-dj:j]."""
        if di == 0 or dj == 0:
            p = self.p
            unit = self.zu[i - 1] if di else self.eu[j - 1]
            return self.prior[(di, dj)] + p.skip - (p.paratext_skip if unit.paratext == 2 else 0.0)
        return self.row_costs(i, di, dj, j, j)[0]

    def row_costs(self, i: int, di: int, dj: int, first: int, last: int) -> list[float]:
        """Costs of the beads zh[i-di:i] ↔ en[j-dj:j] for j from ``first`` to ``last``.

        The two-sided beads of ``bead_cost``, a row of them at a time: the search's
        inner loop, with what the row shares looked up once.
        """
        p = self.p
        prior = self.prior[(di, dj)]
        zu, eu = self.zu, self.eu
        length_weight, c, s2 = p.length_weight, self.c, p.s2
        en_length = self._en_length
        costs: list[float] = []
        if di == 1 and dj == 1:  # most beads: the short way
            z = zu[i - 1]
            z_paired = 0.0
            if z.paratext:
                z_paired = p.paratext_paired_conventional if z.paratext == 2 else p.paratext_paired
            paired = (0.0, p.paratext_paired, p.paratext_paired_conventional)
            zh_terms = self._zh_terms.setdefault((i - 1, 1), {})
            en_terms = self._en_terms.setdefault((i, 1), {})
            lz = z.length
            for j in range(first, last + 1):
                z_term = zh_terms.get(j)
                e_term = en_terms.get(j - 1)
                if z_term is None or e_term is None:
                    z_term, e_term = self._pair_terms(i - 1, j - 1)
                cost = prior + z_term[0] + e_term[0]
                if z_paired:
                    cost += z_paired
                e = eu[j - 1]
                if e.paratext:
                    cost += paired[e.paratext]
                costs.append(cost + length_weight * _length_cost(lz, e.length, c, s2))
            return costs
        # Two or more units on a side: a merge. The row's terms first, in lists:
        # zh[a] against en[j-dj:j] for each j, en[b] against zh[i-di:i] for each b.
        zh_rows = []
        for a in range(i - di, i):
            terms = self._zh_terms.setdefault((a, dj), {})
            row = [terms.get(j) or self._zh_term(a, j, dj) for j in range(first, last + 1)]
            zh_rows.append((row, zu[a].paratext))
        en_terms = self._en_terms.setdefault((i, di), {})
        en_row = [
            (*(en_terms.get(b) or self._en_term(b, i, di)), eu[b].paratext)
            for b in range(first - dj, last)
        ]
        zh_unsupported, en_unsupported = di > 1, dj > 1
        unsupported, merged = p.unsupported, p.paratext_merged
        lz = self._zh_length[i] - self._zh_length[i - di]
        for k in range(last - first + 1):
            cost = prior
            for row, paratext in zh_rows:
                lexical, hits = row[k]
                cost += lexical
                if zh_unsupported and not hits:
                    cost += unsupported
                if paratext:
                    cost += merged
            for lexical, hits, paratext in en_row[k : k + dj]:
                cost += lexical
                if en_unsupported and not hits:
                    cost += unsupported
                if paratext:
                    cost += merged
            j = first + k
            le = en_length[j] - en_length[j - dj]
            costs.append(cost + length_weight * _length_cost(lz, le, c, s2))
        return costs

    def run(self) -> list[Bead]:
        path = self._run()
        if self.p.adapt_translated and self._adapt_translated(path):
            path = self._run()
        return path

    def _run(self) -> list[Bead]:
        n, m = self.n, self.m
        w = max(self.p.band, 2)
        while True:
            path, touched = self._search(w)
            if not touched or w >= max(n, m):
                return path
            w *= 2

    def _adapt_translated(self, path: list[Bead]) -> bool:
        """Lower the expected hit rate for a free translation; True if it changed.

        The rate ``translated`` is what a faithful translation shows. In a free
        one (a novel whose names became meanings: 韦小宝 → Trinket) far fewer
        words meet their dictionary translation, every miss then costs as if the pair were
        unrelated, and a long true pair ends up dearer than skipping both sides.
        So estimate the rate on the first path's 1-1 beads (hits beyond chance),
        pull it half-way towards the default, and search again if it fell.
        """
        hits = [0.0] * 4
        chance = [0.0] * 4
        items = [0.0] * 4
        for zs, es in path:
            if len(zs) != 1 or len(es) != 1:
                continue
            z, e = self.zu[zs[0]], self.eu[es[0]]
            zm, em = self.pair(zs[0], es[0])
            for side, unit, mask, n_other in ((0, z, zm, e.n_items), (2, e, em, z.n_items)):
                anchors = (mask & unit.anchor_mask).bit_count()
                for k, h, n in (
                    (side, mask.bit_count() - anchors, unit.n_items - unit.n_anchors),
                    (side + 1, anchors, unit.n_anchors),
                ):
                    p0 = _chance_hit(self.p.chance[k], n_other)
                    hits[k] += h
                    chance[k] += n * p0
                    items[k] += n
        new = []
        for k, t in enumerate(self.p.translated):
            if items[k] < 30:  # too little to say
                new.append(t)
                continue
            seen = max((hits[k] - chance[k]) / max(items[k] - chance[k], 1.0), 0.02)
            new.append(min(t, math.exp((math.log(t) + math.log(seen)) / 2)))
        if all(a > 0.8 * b for a, b in zip(new, self.translated, strict=True)):
            return False
        self.translated = tuple(new)
        self._llr_cache.clear()
        self._zh_terms.clear()
        self._en_terms.clear()
        self._costs.clear()
        return True

    def _bounds(self, w: int) -> list[tuple[int, int]]:
        n, m = self.n, self.m
        slope = m / n
        reach = w + math.ceil(slope)
        return [
            (max(0, math.floor(i * slope) - reach), min(m, math.ceil(i * slope) + reach))
            for i in range(n + 1)
        ]

    def _search(self, w: int) -> tuple[list[Bead], bool]:
        n, m = self.n, self.m
        bounds = self._bounds(w)
        inf = math.inf
        types = self.types
        # Row by row, and in a row bead type by bead type: a cell keeps the cheapest
        # bead ending there, the first in ``types`` among equals. Beads with no
        # Chinese (0-1) start in the same row, so they come last, in a sweep along
        # the row once the other types have filled the cells they start from.
        downward = self.bead_types.downward
        sideways = [
            (t_idx, dj, [self.bead_cost(0, j, 0, dj) if j >= dj else inf for j in range(m + 1)])
            for t_idx, (di, dj) in enumerate(types)
            if di == 0
        ]
        known_costs, row_costs = self._costs, self.row_costs
        zh_terms, en_terms = self._zh_terms, self._en_terms
        # A Chinese unit's terms serve the rows of the beads it can be in, an English
        # unit's terms against zh[i-di:i] row i: once behind, they go (the memory
        # stays that of the band).
        zh_runs, en_runs = self.bead_types.zh_runs, self.bead_types.en_runs
        reach_down = max(zh_runs)
        cost: list[list[float]] = []
        back: list[bytearray] = []
        for i in range(n + 1):
            lo, hi = bounds[i]
            row = [inf] * (hi - lo + 1)
            ptr = bytearray(b"\xff" * (hi - lo + 1))  # 255: no bead ends here
            if i == 0:
                row[0] = 0.0
            for t_idx, di, dj in downward:
                pi = i - di
                if pi < 0:
                    continue
                plo, phi = bounds[pi]
                # The beads ending at j in first..last start at cost[pi][j - dj - plo].
                first, last = max(lo, plo + dj), min(hi, phi + dj)
                if first > last:
                    continue
                if dj == 0:  # no English: the same cost all along the row
                    steps = [self.bead_cost(i, 0, di, 0)] * (last - first + 1)
                else:
                    key = (di, dj, i)
                    known = known_costs.get(key)
                    if known is None:
                        steps = row_costs(i, di, dj, first, last)
                    else:  # a re-run with a wider band: only the new cells
                        known_first, steps = known
                        known_last = known_first + len(steps) - 1
                        if first <= known_first and known_last <= last:
                            steps = (
                                row_costs(i, di, dj, first, known_first - 1)
                                + steps
                                + row_costs(i, di, dj, known_last + 1, last)
                            )
                        else:
                            steps = row_costs(i, di, dj, first, last)
                    known_costs[key] = (first, steps)
                starts = cost[pi][first - dj - plo : last - dj - plo + 1]
                # (An unreachable start, inf, gives inf: never cheaper.)
                for k, before, step in zip(
                    range(first - lo, last - lo + 1), starts, steps, strict=True
                ):
                    total = before + step
                    if total < row[k]:
                        row[k] = total
                        ptr[k] = t_idx
            for k in range(1, hi - lo + 1):
                for t_idx, dj, steps in sideways:
                    if k < dj or row[k - dj] == inf:
                        continue
                    total = row[k - dj] + steps[lo + k]
                    if total < row[k] or (total == row[k] and t_idx < ptr[k]):
                        row[k] = total
                        ptr[k] = t_idx
            cost.append(row)
            back.append(ptr)
            for dj in en_runs:
                zh_terms.pop((i - reach_down, dj), None)
            for di in zh_runs:
                en_terms.pop((i, di), None)
        # Trace back; note whether the path ran along the band's edge.
        beads: list[Bead] = []
        touched = False
        i, j = n, m
        while i > 0 or j > 0:
            lo, hi = bounds[i]
            if (j - lo < 2 and lo > 0) or (hi - j < 2 and hi < m):
                touched = True
            t_idx = back[i][j - lo]
            di, dj = types[t_idx]
            beads.append((list(range(i - di, i)), list(range(j - dj, j))))
            i, j = i - di, j - dj
        beads.reverse()
        return beads, touched


_MIN_MOVED_FROM = 20  # Chinese characters in each paragraph of a 2-2 candidate
# A 2-2 candidate is looked at sentence by sentence only when its paragraphs' lengths
# fit this much better merged than apart, and the pairs across the boundary share
# this many items: on the evaluation sets true 2-2 beads show ≥ 2.8 and ≥ 16, and
# nine in ten neighbouring 1-1 beads fall below 1.5 or 13.
_HINT_LENGTH_GAIN = 1.0
_HINT_CROSS_HITS = 6


class _Refiner:
    """The second look: re-score pairs of neighbouring beads sentence by sentence.

    The DP sees a paragraph as one bag of words, so a 2-2 bead (a translator
    moved the last sentence of one paragraph into the next) looks like two
    1-1 beads that are each a little off, and a short paragraph merged into
    its neighbour's translation looks like a 1-0 bead beside a 1-1. Here the
    paragraphs of two neighbouring beads are cut into sentences, and the
    best place to cut the English (or Chinese) between the two Chinese (or
    English) paragraphs decides: if the cut falls inside a paragraph and that
    beats the DP's reading by more than the priors say, the beads merge.
    """

    def __init__(self, aligner: _Aligner, zh: list[str], en: list[str], analysis: Analysis) -> None:
        self.a, self.zh, self.en, self.analysis = aligner, zh, en, analysis
        self._sent: dict[tuple[int, int], list[Unit]] = {}
        self._merged: dict[tuple[int, ...], tuple[list[Unit], Unit]] = {}

    def sentence_texts(self, side: int, idx: int) -> list[str]:
        if side == 0:
            return self.analysis.sentences(self.zh[idx], "zh")
        return self.analysis.sentences(self.en[idx], "en")

    def sentences(self, side: int, idx: int) -> list[Unit]:
        key = (side, idx)
        units = self._sent.get(key)
        if units is None:
            lang = "zh" if side == 0 else "en"
            units = [self.analysis.unit(t, lang) for t in self.sentence_texts(side, idx)]
            self._sent[key] = units = units or [self.a.zu[idx] if side == 0 else self.a.eu[idx]]
        return units

    def merged(self, units: list[Unit]) -> Unit:
        """``merge_units``, remembered: the readings merge the same runs of sentences again."""
        key = tuple(map(id, units))
        found = self._merged.get(key)
        if found is None:  # (the units are kept with their merge, so the ids stay theirs)
            found = self._merged[key] = (units, merge_units(units))
        return found[1]

    def _mini(self, zu: list[Unit], eu: list[Unit]) -> _Aligner:
        """An aligner over a few (merged) units, with this document's figures."""
        return _Aligner(zu, eu, self.a.p, like=self.a)

    def split_cost(self, z: list[Unit], e: list[Unit], i: int, j: int) -> float:
        """Cost of z[:i] ↔ e[:j] plus z[i:] ↔ e[j:], as two 1-1 beads."""
        zu = [self.merged(z[:i]), self.merged(z[i:])]
        eu = [self.merged(e[:j]), self.merged(e[j:])]
        mini = self._mini(zu, eu)
        return mini.bead_cost(1, 1, 1, 1) + mini.bead_cost(2, 2, 1, 1) - 2 * self.a.prior[(1, 1)]

    def pair_cost(self, z: list[Unit], e: list[Unit]) -> float:
        """Cost of z ↔ e as one 1-1 bead, without its prior."""
        mini = self._mini([self.merged(z)], [self.merged(e)])
        return mini.bead_cost(1, 1, 1, 1) - self.a.prior[(1, 1)]

    def _skip(self, side: int, idx: int) -> float:
        return (
            self.a.bead_cost(idx + 1, 1, 1, 0) if side == 0 else self.a.bead_cost(1, idx + 1, 0, 1)
        )

    def _readings(self, side: int, x1: int, x2: int, y: int) -> tuple[float, float, float]:
        """Costs of the merge (cut between sentences of y), x1 skipped, x2 skipped.

        ``side`` is the side of x1, x2 (two neighbouring paragraphs); y is the
        one paragraph on the other side.
        """
        one = self.sentences(1 - side, y)
        xs1, xs2 = self.sentences(side, x1), self.sentences(side, x2)

        def pc(x: list[Unit], ys: list[Unit]) -> float:
            return self.pair_cost(x, ys) if side == 0 else self.pair_cost(ys, x)

        prior = self.a.prior
        kind = (2, 1) if side == 0 else (1, 2)
        merge = min(
            (pc(xs1, one[:k]) + pc(xs2, one[k:]) for k in range(1, len(one))),
            default=math.inf,
        )
        first_skipped = self._skip(side, x1) + pc(xs2, one) + prior[(1, 1)]
        second_skipped = pc(xs1, one) + prior[(1, 1)] + self._skip(side, x2)
        return merge + prior[kind], first_skipped, second_skipped

    def regroup(self, beads: list[Bead]) -> list[Bead]:
        """A skipped paragraph whose sentences its neighbour's translation shares: merged.

        (The other way, splitting a 2-1 bead the sentences do not bear out, was
        tried and dropped: translators merge mid-sentence as often as not, so the
        English sentence cuts say nothing about a merge they do not show.)
        """
        margin = self.a.p.refine_margin
        merged: list[Bead] = []
        for bead in beads:
            if merged:
                joined = self._absorb(merged[-1], bead, margin)
                if joined is not None:
                    merged[-1] = joined
                    continue
            merged.append(bead)
        return merged

    def _absorb(self, prev: Bead, bead: Bead, margin: float) -> Bead | None:
        """A one-sided bead beside a 1-1 whose translation it shares: one 2-1 / 1-2."""
        shapes = {(len(b[0]), len(b[1])) for b in (prev, bead)}
        if shapes not in ({(1, 0), (1, 1)}, {(0, 1), (1, 1)}):
            return None
        side = 0 if (1, 0) in shapes else 1
        lone, pair = (prev, bead) if (len(prev[0]), len(prev[1])) != (1, 1) else (bead, prev)
        x = lone[side][0]
        kept, y = pair[side][0], pair[1 - side][0]
        if abs(x - kept) != 1 or (self.a.zu if side == 0 else self.a.eu)[x].paratext:
            return None  # not neighbours; or a caption, credit, navigation line
        x1, x2 = min(x, kept), max(x, kept)
        merge, first, second = self._readings(side, x1, x2, y)
        current = first if x == x1 else second
        if merge + margin < current:
            return ([x1, x2], [y]) if side == 0 else ([y], [x1, x2])
        return None

    def refine(self, beads: list[Bead]) -> list[Bead]:
        out: list[Bead] = []
        prior, margin = self.a.prior, self.a.p.refine_margin
        for bead in beads:
            if not out:
                out.append(bead)
                continue
            prev = out[-1]
            merged = None
            shape = (len(prev[0]), len(prev[1]), len(bead[0]), len(bead[1]))
            if shape == (1, 1, 1, 1):
                merged = self._two_two(prev, bead, prior, margin)
            if merged is None:
                out.append(bead)
            else:
                out[-1] = merged
        return self.regroup(out)

    def _moved_hint(self, a: int, b: int) -> bool:
        """Cheap test first: lengths that fit better together than apart, and
        words shared across the boundary (the moved sentence's)."""
        al = self.a
        zu, eu, c, s2 = al.zu, al.eu, al.c, al.p.s2
        apart = _length_cost(zu[a].length, eu[b].length, c, s2) + _length_cost(
            zu[a + 1].length, eu[b + 1].length, c, s2
        )
        together = _length_cost(
            zu[a].length + zu[a + 1].length, eu[b].length + eu[b + 1].length, c, s2
        )
        if apart - together < _HINT_LENGTH_GAIN:
            return False
        cross = max(
            sum(mask.bit_count() for mask in al.pair(a + 1, b)),
            sum(mask.bit_count() for mask in al.pair(a, b + 1)),
        )
        return cross >= _HINT_CROSS_HITS

    def _two_two(self, prev: Bead, bead: Bead, prior: dict, margin: float) -> Bead | None:
        (a,), (b,) = prev
        if not self._moved_hint(a, b):
            return None
        z = self.sentences(0, a) + self.sentences(0, a + 1)
        e = self.sentences(1, b) + self.sentences(1, b + 1)
        kz, ke = len(self.sentences(0, a)), len(self.sentences(1, b))
        if len(z) < 3 and len(e) < 3:
            return None
        if min(self.a.zu[a].length, self.a.zu[a + 1].length) < _MIN_MOVED_FROM:
            return None  # short lines (dialogue): their lengths say too little
        base = self.split_cost(z, e, kz, ke) + 2 * prior[(1, 1)]
        best = min(
            (
                self.split_cost(z, e, i, j)
                for i, j in ((kz, ke - 1), (kz, ke + 1), (kz - 1, ke), (kz + 1, ke))
                if 0 < i < len(z) and 0 < j < len(e)
            ),
            default=math.inf,
        )
        if best + prior[(2, 2)] + margin >= base:
            return None
        # Confirm with the sentence aligner over the four paragraphs: a 2-2 bead
        # only if no sentence bead ends where the paragraphs end. (Otherwise the
        # cut was bought by an untranslated sentence or by short lines' lengths.)
        zt = self.sentence_texts(0, a) + self.sentence_texts(0, a + 1)
        et = self.sentence_texts(1, b) + self.sentence_texts(1, b + 1)
        crossing = False
        for zs, es in align_units(zt, et, SENTENCE_PARAMS, self.analysis):
            if not zs or not es:
                continue
            sides = {zs[0] < kz, zs[-1] < kz, es[0] < ke, es[-1] < ke}
            if len(sides) > 1:  # straddles a boundary, or pairs across it
                if len(zs) > 2 or len(es) > 2:
                    return None  # a moved sentence joins one bead, no more
                crossing = True
        return ([a, a + 1], [b, b + 1]) if crossing else None
