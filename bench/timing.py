"""What the benchmarks share: time per 1,000 characters, best of a few runs."""

import time


def ms_per_thousand_chars(texts: list[str], run, *, before=lambda: None, repeat: int = 3) -> float:
    """Milliseconds per 1,000 characters to ``run`` each text, best of ``repeat``.

    ``before`` runs ahead of every round (to clear a cache, so that each round
    does the whole work).
    """
    chars = sum(len(text) for text in texts)
    best = float("inf")
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        for text in texts:
            run(text)
        best = min(best, time.perf_counter() - start)
    return best * 1000 / chars * 1000
