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
per (zh, en) pair in the band and shared by every bead that uses it.
1,000 × 1,000 paragraphs align in about 1.3 s (bench/bench_align.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

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
    zu = [analysis.unit(t, "zh") for t in zh]
    eu = [analysis.unit(t, "en") for t in en]
    aligner = _Aligner(zu, eu, params)
    beads = aligner.run()
    if params.refine:
        beads = _Refiner(aligner, zh, en, analysis).refine(beads)
    return beads


_LOG2 = math.log(2)


def _length_cost(lz: int, le: int, c: float, s2: float) -> float:
    """Gale-Church: −log P(|δ| this large), δ the normalised length difference."""
    if lz == 0 and le == 0:
        return 0.0
    mean = (lz + le / c) / 2  # symmetric: neither side is "the source"
    delta = abs(le - c * lz) / math.sqrt(max(mean, 1.0) * s2)
    # 2·(1 − Φ(δ)) = erfc(δ/√2); for large δ use the asymptote to avoid log(0).
    tail = math.erfc(delta / math.sqrt(2))
    if tail > 1e-300:
        return -math.log(tail)
    return delta * delta / 2 + math.log(delta) + 0.5 * math.log(2 * math.pi) - _LOG2


class _Aligner:
    def __init__(self, zu: list[Unit], eu: list[Unit], params: Params) -> None:
        self.zu, self.eu, self.p = zu, eu, params
        self.n, self.m = len(zu), len(eu)
        total_z = sum(u.length for u in zu)
        total_e = sum(u.length for u in eu)
        c = params.c
        if total_z > 0 and total_e > 0:
            doc_c = min(max(total_e / total_z, c / 2), c * 2)
            c = math.exp((1 - params.c_weight) * math.log(c) + params.c_weight * math.log(doc_c))
        self.c = c
        self.types = sorted(params.priors, key=lambda t: (max(t), t))
        self.prior = {t: -math.log(p) for t, p in params.priors.items()}
        self.pairs: dict[tuple[int, int], tuple[int, int]] = {}
        self._llr_cache: dict = {}
        self.translated = params.translated

    def pair(self, i: int, j: int) -> tuple[int, int]:
        """(zh items of i matched by j, en items of j matched by i), as bit masks."""
        key = (i, j)
        hit = self.pairs.get(key)
        if hit is None:
            z, e = self.zu[i], self.eu[j]
            zmask = emask = 0
            for k in z.keys & e.keys:
                zmask |= z.key_bits[k]
                emask |= e.key_bits[k]
            hit = self.pairs[key] = (zmask, emask)
        return hit

    def lexical(self, unit: Unit, mask: int, n_other: int, side: int) -> float:
        """Cost (negative = evidence for) of ``unit``'s items, ``mask`` being its hits."""
        gain, loss = self._llr(side, n_other)
        anchors_hit = (mask & unit.anchor_mask).bit_count()
        word_hit = mask.bit_count() - anchors_hit
        anchors_miss = unit.n_anchors - anchors_hit
        word_miss = unit.n_items - unit.n_anchors - word_hit
        return self.p.lexical_weight * (
            word_miss * loss[0]
            + anchors_miss * loss[1]
            - word_hit * gain[0]
            - anchors_hit * gain[1]
        )

    def _llr(self, side: int, n_other: int) -> tuple[tuple[float, float], tuple[float, float]]:
        key = (side, n_other)
        hit = self._llr_cache.get(key)
        if hit is None:
            gains, losses = [], []
            for k in (side, side + 1):
                t, q = self.translated[k], self.p.chance[k]
                # Capped: against a huge other side (one paragraph against fifty)
                # chance hits saturate, and a hit must still count for something.
                p0 = min(max(1 - math.exp(-q * n_other), 1e-3), 0.6)
                p1 = t + (1 - t) * p0
                gains.append(math.log(p1 / p0))
                losses.append(-math.log(1 - t))
            hit = self._llr_cache[key] = ((gains[0], gains[1]), (losses[0], losses[1]))
        return hit

    def bead_cost(self, i: int, j: int, di: int, dj: int) -> float:
        """Cost of the bead zh[i-di:i] ↔ en[j-dj:j]."""
        p = self.p
        prior = self.prior[(di, dj)]
        if di == 0 or dj == 0:
            unit = self.zu[i - 1] if di else self.eu[j - 1]
            return prior + p.skip - (p.paratext_skip if unit.paratext == 2 else 0.0)
        zu, eu = self.zu, self.eu
        if di == 1 and dj == 1:  # most beads: the short way
            z, e = zu[i - 1], eu[j - 1]
            zm, em = self.pair(i - 1, j - 1)
            cost = prior + self.lexical(z, zm, e.n_items, 0) + self.lexical(e, em, z.n_items, 2)
            if z.paratext:
                cost += p.paratext_paired_conventional if z.paratext == 2 else p.paratext_paired
            if e.paratext:
                cost += p.paratext_paired_conventional if e.paratext == 2 else p.paratext_paired
            return cost + p.length_weight * _length_cost(z.length, e.length, self.c, p.s2)
        zs, es = range(i - di, i), range(j - dj, j)
        cost = prior
        lz = sum(zu[a].length for a in zs)
        le = sum(eu[b].length for b in es)
        nz = sum(zu[a].n_items for a in zs)
        ne = sum(eu[b].n_items for b in es)
        emasks = [0] * dj
        for a in zs:
            zmask = 0
            for b_idx, b in enumerate(es):
                zm, em = self.pair(a, b)
                zmask |= zm
                emasks[b_idx] |= em
            cost += self.lexical(zu[a], zmask, ne, 0)
            if di > 1 and not zmask:
                cost += p.unsupported
            if zu[a].paratext:
                cost += p.paratext_merged if di > 1 or dj > 1 else p.paratext_paired
        for b_idx, b in enumerate(es):
            cost += self.lexical(eu[b], emasks[b_idx], nz, 2)
            if dj > 1 and not emasks[b_idx]:
                cost += p.unsupported
            if eu[b].paratext:
                cost += p.paratext_merged if di > 1 or dj > 1 else p.paratext_paired
        return cost + p.length_weight * _length_cost(lz, le, self.c, p.s2)

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
                    p0 = min(max(1 - math.exp(-self.p.chance[k] * n_other), 1e-3), 0.6)
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
        cost: list[list[float]] = []
        back: list[bytearray] = []
        types = self.types
        for i in range(n + 1):
            lo, hi = bounds[i]
            row = [inf] * (hi - lo + 1)
            ptr = bytearray(hi - lo + 1)
            for j in range(lo, hi + 1):
                if i == 0 and j == 0:
                    row[0] = 0.0
                    ptr[0] = 255
                    continue
                best, best_t = inf, 255
                for t_idx, (di, dj) in enumerate(types):
                    pi, pj = i - di, j - dj
                    if pi < 0 or pj < 0:
                        continue
                    plo, phi = bounds[pi]
                    if pj < plo or pj > phi:
                        continue
                    prev = row[pj - lo] if di == 0 else cost[pi][pj - plo]
                    if prev == inf:
                        continue
                    total = prev + self.bead_cost(i, j, di, dj)
                    if total < best:
                        best, best_t = total, t_idx
                row[j - lo] = best
                ptr[j - lo] = best_t
            cost.append(row)
            back.append(ptr)
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

    def _mini(self, zu: list[Unit], eu: list[Unit]) -> _Aligner:
        """An aligner over a few (merged) units, with this document's figures."""
        mini = _Aligner.__new__(_Aligner)
        mini.zu, mini.eu, mini.p, mini.c = zu, eu, self.a.p, self.a.c
        mini.prior, mini.pairs, mini._llr_cache = self.a.prior, {}, {}
        mini.translated = self.a.translated
        return mini

    def split_cost(self, z: list[Unit], e: list[Unit], i: int, j: int) -> float:
        """Cost of z[:i] ↔ e[:j] plus z[i:] ↔ e[j:], as two 1-1 beads."""
        zu = [merge_units(z[:i]), merge_units(z[i:])]
        eu = [merge_units(e[:j]), merge_units(e[j:])]
        mini = self._mini(zu, eu)
        return mini.bead_cost(1, 1, 1, 1) + mini.bead_cost(2, 2, 1, 1) - 2 * self.a.prior[(1, 1)]

    def pair_cost(self, z: list[Unit], e: list[Unit]) -> float:
        """Cost of z ↔ e as one 1-1 bead, without its prior."""
        mini = self._mini([merge_units(z)], [merge_units(e)])
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
