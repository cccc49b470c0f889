"""Names stay whole: person names found as one flagged word, beside plain jieba.

    python bench/bench_names.py            (or: make bench)

Scored on ``tests/data/names/names.json`` (60 sentence pairs, 135 person
names; see its README), each pair run through the real save-time step,
``pipeline.annotate_segment`` with its English sentence, so that the
aligned English is used as it is on import. Prints, for the pipeline with
the English, the pipeline without it (a caption with no translation) and
plain jieba:

* **predicted names**: the pipeline's tokens flagged as names
  (``ZhToken.name``); for jieba, its tokens tagged as person names
  (``nr``, ``nrt``, ``nrfg``: ``jieba.posseg`` on the same tokenizer);
* **recall**: gold person names whose exact span (start and end in the
  Chinese sentence, middle dots never inside) is a predicted name, over
  all gold person names;
* **precision**: predicted names whose span is exactly a gold person name,
  over predicted names less those whose span is exactly a gold ``other``
  span (a place or organisation: neither a hit nor a miss); so a predicted
  name that cuts a name, runs past one or is a common word counts against;
* **whole**: gold person names that are one token at all, flagged or not.

Then the names found on the seed article (``seeds/milley-tin-cup.txt``),
run through ``pipeline.build_pairs``: 米利 must be whole and a name.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.text import pipeline  # noqa: E402
from reader.text import words as segmenter  # noqa: E402
from reader.text.parse import parse_seed  # noqa: E402

GOLD = ROOT / "tests" / "data" / "names" / "names.json"
SEED = ROOT / "seeds" / "milley-tin-cup.txt"
JIEBA_PERSON_TAGS = ("nr", "nrt", "nrfg")

Span = tuple[int, int]


def _spans(text: str, tokens: list[str]) -> list[Span]:
    spans, at = [], 0
    for token in tokens:
        start = text.find(token, at)
        at = start + len(token)
        spans.append((start, at))
    return spans


def pipeline_names(zh: str, en: str) -> tuple[list[Span], list[Span]]:
    """All token spans and the name tokens' spans, from the pipeline."""
    tokens = pipeline.annotate_segment(zh, en).annotation.zh
    spans = _spans(zh, [t.text for t in tokens])
    return spans, [span for span, t in zip(spans, tokens, strict=True) if t.name]


def jieba_names(zh: str, en: str) -> tuple[list[Span], list[Span]]:
    """All token spans and the person-tagged ones, from plain jieba."""
    from jieba.posseg import POSTokenizer

    pairs = list(POSTokenizer(segmenter.get_tokenizer()).cut(zh))
    spans = _spans(zh, [p.word for p in pairs])
    return spans, [s for s, p in zip(spans, pairs, strict=True) if p.flag in JIEBA_PERSON_TAGS]


def score(items: list[dict], find) -> dict[str, float]:
    hits = predicted = neutral = whole = gold = 0
    for item in items:
        spans, names = find(item["zh"], item["en"])
        wanted = {(n["start"], n["start"] + len(n["text"])) for n in item["names"]}
        other = {(o["start"], o["start"] + len(o["text"])) for o in item["other"]}
        hits += len(wanted & set(names))
        predicted += len(names)
        neutral += sum(span in other and span not in wanted for span in names)
        whole += len(wanted & set(spans))
        gold += len(wanted)
    counted = predicted - neutral
    return {
        "recall": hits / gold,
        "precision": hits / counted if counted else 1.0,
        "whole": whole / gold,
        "predicted": predicted,
        "gold": gold,
    }


def seed_names() -> Counter:
    seed = parse_seed(SEED.read_text(encoding="utf-8"))
    return Counter(
        token.text
        for pair in pipeline.build_pairs(seed.zh, seed.en)
        for segment in pair.segments
        for token in segment.annotation.zh
        if token.name
    )


def main() -> None:
    items = json.loads(GOLD.read_text(encoding="utf-8"))
    print(f"Person names found whole ({len(items)} sentence pairs, tests/data/names)")
    rows = (
        ("pipeline, with English", pipeline_names),
        ("pipeline, no English", lambda zh, en: pipeline_names(zh, "")),
        ("plain jieba (nr tags)", jieba_names),
    )
    for label, find in rows:
        s = score(items, find)
        print(
            f"  {label:24} recall {s['recall']:.3f}  precision {s['precision']:.3f}  "
            f"whole {s['whole']:.3f}  ({s['predicted']} predicted, {s['gold']} gold)"
        )
    found = seed_names()
    print(
        f"  seed article: {sum(found.values())} names, "
        + " ".join(f"{name}×{n}" for name, n in found.most_common())
    )
    print(f"  seed article: 米利 whole and a name: {'yes' if found['米利'] else 'NO'}")


if __name__ == "__main__":
    main()
