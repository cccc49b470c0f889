"""Pinyin in context: polyphone accuracy beside pypinyin's default, and speed.

    python bench/bench_pinyin.py            (or: make bench)

Prints:

* **polyphone accuracy** on ``tests/data/polyphones/polyphones.tsv``
  (sentences written for Duìzhào, one target character each, see its
  README): ``pinyin.char_readings`` against pypinyin's default reading of
  the whole sentence (``pinyin(sentence, style=Style.TONE)``), for the
  development part, the held-out part (written after the rules) and all.
  A reading is right when syllable and tone both are (neutral tone = 5).
* the same on ``../shared/devsets/pinyin`` (a CPP sample) when that
  directory exists beside the repository; it is never copied in here.
* **speed**: ms per 1,000 characters of ``annotate`` on the polyphone
  sentences and the seed (jieba, its tags and CC-CEDICT loaded first),
  beside the words read by pypinyin without the context passes, and
  pypinyin alone on the unsegmented sentence.
"""

from __future__ import annotations

import csv
import json
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pypinyin import Style, pinyin  # noqa: E402
from timing import ms_per_thousand_chars  # noqa: E402

from reader.text import pinyin as ours  # noqa: E402
from reader.text.parse import parse_seed  # noqa: E402
from reader.text.words import split_words  # noqa: E402

POLYPHONES = ROOT / "tests" / "data" / "polyphones" / "polyphones.tsv"
DEVSET = ROOT.parent / "shared" / "devsets" / "pinyin" / "cpp_dev_sample.jsonl"
SEED = ROOT / "seeds" / "milley-tin-cup.txt"
_TONES = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


def to_num(syllable: str) -> str:
    """'zhòng'/'zhong4' -> 'zhong4'; 'lǜ' -> 'lv4'; 'le'/'le5'/'le0' -> 'le5'; '' stays ''."""
    if not syllable:
        return ""
    d = unicodedata.normalize("NFD", syllable.strip().lower())
    d = d.replace("u\u0308", "v").replace("u:", "v")
    tone = next((_TONES[c] for c in d if c in _TONES), None) or (d[-1] if d[-1:].isdigit() else "5")
    return "".join(c for c in d if "a" <= c <= "z") + ("5" if tone == "0" else tone)


def load_polyphones(path: Path = POLYPHONES) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    for row in rows:
        row["index"] = int(row["index"])
        row["gold_num"] = to_num(row["gold"])
    return rows


def load_devset(path: Path = DEVSET) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def pypinyin_default(sentence: str) -> list[str]:
    """pypinyin's default reading, one item per character ("" where it has none)."""
    out = []
    for item in pinyin(sentence, style=Style.TONE, errors=lambda chars: [[""] for _ in chars]):
        out.append(item[0])
    return out


def accuracy(rows: list[dict], read=ours.char_readings) -> float:
    right = sum(to_num(read(r["sentence"])[r["index"]]) == r["gold_num"] for r in rows)
    return right / len(rows) if rows else 0.0


def misses(rows: list[dict], read=ours.char_readings) -> list[str]:
    out = []
    for r in rows:
        got = read(r["sentence"])[r["index"]]
        if to_num(got) != r["gold_num"]:
            out.append(f"{r['id']} {r['char']} gold {r['gold']} got {got}: {r['sentence']}")
    return out


def _plain(sentence: str) -> list[str]:
    """The reading before the context passes: words and pypinyin only."""
    out = [""] * len(sentence)
    pos = 0
    tokens = split_words(sentence)
    for token, syllables in zip(tokens, ours._word_readings(tokens), strict=True):
        pos = sentence.index(token, pos)
        han = iter(syllables)
        for k, char in enumerate(token):
            if ours.is_han(char):
                out[pos + k] = next(han)
        pos += len(token)
    return out


def _clear_word_caches() -> None:
    ours._word.cache_clear()
    ours._syllables.cache_clear()


def speed(texts: list[str], read, repeat: int = 3) -> float:
    """Milliseconds per 1,000 characters, best of ``repeat``, word caches cleared."""
    return ms_per_thousand_chars(texts, read, before=_clear_word_caches, repeat=repeat)


def main() -> None:
    rows = load_polyphones()
    parts = {
        "development": [r for r in rows if r["split"] == "dev"],
        "held-out": [r for r in rows if r["split"] == "heldout"],
        "all": rows,
    }
    sandhi = [r for r in rows if r["char"] in "一不"]
    print("Polyphones in context, tests/data/polyphones (written for Duìzhào)")
    print(f"  {'part':12} {'n':>4}  {'ours':>6}  {'pypinyin default':>16}")
    for name, part in parts.items():
        print(
            f"  {name:12} {len(part):4}  {accuracy(part):6.3f}  "
            f"{accuracy(part, pypinyin_default):16.3f}"
        )
    plain = [r for r in rows if r["char"] not in "一不"]
    print(
        f"  without 一/不 {len(plain):4}  {accuracy(plain):6.3f}  "
        f"{accuracy(plain, pypinyin_default):16.3f}"
    )
    print(
        f"  一/不 sandhi {len(sandhi):4}  {accuracy(sandhi):6.3f}  "
        f"{accuracy(sandhi, pypinyin_default):16.3f}"
    )
    if DEVSET.exists():
        dev = load_devset()
        print(
            f"  ../shared devset (CPP dev sample, {len(dev)}): ours {accuracy(dev):.3f}, "
            f"pypinyin default {accuracy(dev, pypinyin_default):.3f}"
        )
    texts = [r["sentence"] for r in rows] + parse_seed(SEED.read_text(encoding="utf-8")).zh
    ours.annotate("预热一下。")  # load jieba, its tags and CC-CEDICT before timing
    print(f"Speed on {sum(map(len, texts)):,} characters (ms / 1,000 chars)")
    print(f"  annotate (words + CC-CEDICT + rules + 一/不)  {speed(texts, ours.annotate):6.1f}")
    print(f"  words + pypinyin only, no context passes     {speed(texts, _plain):6.1f}")
    print(f"  pypinyin alone, no segmentation               {speed(texts, pypinyin_default):6.1f}")


if __name__ == "__main__":
    main()
