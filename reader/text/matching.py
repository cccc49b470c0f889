"""Find where a sentence went after its article was edited and re-aligned.

A bookmark remembers the Chinese of its sentence. After re-alignment the
same text is looked for first; failing that, the new sentence that shares
the most character bigrams with it (Dice coefficient), when it shares
enough to be called the same sentence, edited.

>>> best_match("我们去银行。", ["他走了。", "我们去银行。"])
1
>>> best_match("我们明天去银行。", ["他走了。", "我们今天去银行。"])
1
>>> best_match("我们去银行。", ["他走了。"]) is None
True
"""

from collections import Counter

MIN_SIMILARITY = 0.5


def bigrams(text: str) -> Counter[str]:
    chars = [c for c in text if not c.isspace()]
    if len(chars) == 1:
        return Counter(chars)
    return Counter(a + b for a, b in zip(chars, chars[1:], strict=False))


def similarity(a: str, b: str) -> float:
    """Dice coefficient over character bigrams: 1.0 for equal texts, 0.0 for disjoint ones."""
    grams_a, grams_b = bigrams(a), bigrams(b)
    total = sum(grams_a.values()) + sum(grams_b.values())
    if not total:
        return 0.0
    return 2 * sum((grams_a & grams_b).values()) / total


def best_match(text: str, candidates: list[str], *, minimum: float = MIN_SIMILARITY) -> int | None:
    """Index of the candidate equal to ``text``, else of the most similar one above ``minimum``."""
    for i, candidate in enumerate(candidates):
        if candidate == text:
            return i
    best, best_score = None, minimum
    for i, candidate in enumerate(candidates):
        score = similarity(text, candidate)
        if score >= best_score and (best is None or score > best_score):
            best, best_score = i, score
    return best
