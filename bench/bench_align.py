"""Benchmark the paragraph aligner: time per 100 paragraph pairs, and memory.

    python bench/bench_align.py            (or: make bench)

The texts are synthetic: paragraphs assembled at random from a small
hand-written phrase bank (Chinese phrases with their English translations),
with a caption-like untranslated line every so often and an occasional
merge, so the aligner has real work to do. Nothing is read from disk.

Prints, for 1,000 × 1,000 paragraphs: the alignment time (dictionary and
jieba already loaded: they are loaded once per process), the time per 100
paragraph pairs, the ratio to jieba segmenting the same Chinese text in the
same run, and the peak memory (tracemalloc) at 250, 500 and 1,000
paragraphs to show that it grows linearly.
"""

from __future__ import annotations

import random
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.text.align import align_paragraphs  # noqa: E402
from reader.text.words import split_words  # noqa: E402

PHRASES = [
    (
        "俄罗斯总统普京周一会见了朝鲜领导人",
        "Russian President Putin met the North Korean leader on Monday",
    ),
    ("美国官员认为这次访问是一个信号", "U.S. officials believe the visit is a signal"),
    ("米利将军在采访中说", "General Milley said in an interview"),
    (
        "2023年9月11日，两国签署了协议",
        "On September 11, 2023, the two countries signed an agreement",
    ),
    ("经济增长了百分之三点五", "the economy grew by 3.5 percent"),
    ("三十名工人在工厂里工作", "thirty workers work in the factory"),
    ("天气很冷，河水结冰了", "the weather is cold and the river has frozen"),
    ("学生们在图书馆里读书", "the students are reading in the library"),
    ("她打开窗户，看见了远处的山", "she opened the window and saw the distant mountains"),
    ("拉达茨问他对战争的看法", "Raddatz asked him about his view of the war"),
    ("这座城市有五百万人口", "the city has a population of five million"),
    ("医生建议他多喝水，早点休息", "the doctor advised him to drink more water and rest early"),
    ("火车从北京开往上海", "the train runs from Beijing to Shanghai"),
    ("科学家发现了一种新的细菌", "scientists have discovered a new kind of bacteria"),
    ("他们在会议上讨论了环境问题", "they discussed environmental problems at the meeting"),
]
CAPTIONS = ["图：新华社记者 摄", "内森·卢纳/美国广播公司新闻", "（本报记者 王明）"]


def make_texts(n: int, seed: int = 7) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    zh: list[str] = []
    en: list[str] = []
    while len(zh) < n:
        picks = [rng.choice(PHRASES) for _ in range(rng.randint(2, 5))]
        z = "，".join(p[0] for p in picks) + "。"
        e = ". ".join(p[1][0].upper() + p[1][1:] for p in picks) + "."
        r = rng.random()
        if r < 0.03:
            zh.append(rng.choice(CAPTIONS))  # untranslated caption
        elif r < 0.05 and en:
            en[-1] += " " + e  # the translator merged two paragraphs
            zh.append(z)
            continue
        zh.append(z)
        en.append(e)
    return zh[:n], en[:n]


def main() -> None:
    align_paragraphs(["热身。"], ["Warm up."])  # load jieba and CC-CEDICT once, outside the timing
    zh, en = make_texts(1000)
    t0 = time.perf_counter()
    for text in zh:
        split_words(text)
    t_jieba = time.perf_counter() - t0
    t0 = time.perf_counter()
    beads = align_paragraphs(zh, en)
    t_align = time.perf_counter() - t0
    pairs = len(zh) + len(en)
    print(f"1000 x {len(en)} paragraphs: {len(beads)} beads in {t_align:.2f} s")
    print(f"per 100 paragraph pairs: {t_align / (pairs / 2) * 100 * 1000:.1f} ms")
    print(f"jieba on the same Chinese: {t_jieba:.2f} s; aligner / jieba = {t_align / t_jieba:.1f}")
    for n in (250, 500, 1000):
        zh, en = make_texts(n, seed=n)
        tracemalloc.start()
        align_paragraphs(zh, en)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"peak memory, {n} paragraphs a side: {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
