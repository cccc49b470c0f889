"""Every benchmark in one run: ``make bench``.

Prints, in order: alignment quality (ours beside a Gale-Church baseline,
on tests/data/align and, when a ../shared checkout is beside the project,
on its development sets), aligner speed and memory, the whole save-time
pipeline's time per 100 paragraphs now and at an earlier commit, pinyin
accuracy beside pypinyin's default, segmentation coverage and word F1,
person names found whole (ours beside jieba),
word-link precision and recall, dictionary speed and memory, a review
answer's time, a class table's time, and the web benchmarks (gunicorn under
wrk, worker memory, a soak). Each section measures its figures side by side in the same run;
nothing here fails a build.
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import bench_align  # noqa: E402
import bench_classes  # noqa: E402
import bench_dictionary  # noqa: E402
import bench_import  # noqa: E402
import bench_names  # noqa: E402
import bench_pinyin  # noqa: E402
import bench_review  # noqa: E402
import bench_segment  # noqa: E402
import bench_wordalign  # noqa: E402
import web  # noqa: E402

from reader.text import align_eval  # noqa: E402

DEVSETS = ROOT.parent / "shared" / "devsets" / "align"


def section(title: str) -> None:
    print(f"\n{'=' * 78}\n{title}\n{'=' * 78}", flush=True)


def main() -> None:
    started = time.perf_counter()
    section("Alignment quality: tests/data/align (ours beside Gale-Church)")
    align_eval.main([str(ROOT / "tests" / "data" / "align")])
    if DEVSETS.is_dir():
        section("Alignment quality: ../shared/devsets/align (development only)")
        align_eval.main([str(DEVSETS)])
    section("Aligner speed and memory")
    bench_align.main()
    section("Import: the save-time pipeline, now and before")
    bench_import.main()
    section("Pinyin in context")
    bench_pinyin.main()
    section("Segmentation for readers")
    bench_segment.main()
    section("Names stay whole")
    bench_names.main()
    section("Word-to-word links")
    bench_wordalign.main()
    section("Dictionary index")
    bench_dictionary.main()
    section("Review: one answer, saved and the next card rendered")
    bench_review.main()
    section("Classes: the class table, 40 learners by 20 assignments")
    bench_classes.main()
    section("Web: gunicorn under wrk")
    web.main()
    print(f"\nall benchmarks in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
