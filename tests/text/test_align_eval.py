"""The evaluation set: the seed is exact, the whole set is above the bar."""

from pathlib import Path

from reader.text.align_eval import Score, counts, evaluate_file

ALIGN = Path(__file__).resolve().parent.parent / "data" / "align"


def test_scoring_splits_one_sided_runs_and_counts_links():
    gold = [([0], [0]), ([1, 2], [])]
    assert counts([([0], [0]), ([1], []), ([2], [])], gold) == (3, 3, 3, 1, 1, 1)
    assert counts([([0, 1], [0]), ([2], [])], gold) == (1, 2, 3, 1, 2, 1)


def test_seed_is_aligned_perfectly():
    scores = evaluate_file(ALIGN / "seed-milley-tin-cup.json")
    assert scores["para"].f1 == 1.0


def test_overall_paragraph_bead_f1_is_at_least_095():
    total = Score()
    for path in sorted(ALIGN.glob("*.json")):
        total.add(evaluate_file(path)["para"].c)
    assert total.f1 >= 0.95, str(total)
