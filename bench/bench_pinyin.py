"""Pinyin in context: polyphone accuracy beside pypinyin's default, and speed.

    python bench/bench_pinyin.py            (or: make bench)

Prints:

* **full-sentence accuracy** on ``tests/data/pinyin/sentences.tsv`` (340
  sentences of everyday and news text written for Duìzhào with human
  pinyin for every character, see its README): the share of all syllables
  and of polyphonic characters (more than one reading in pypinyin's
  character table) read right, ours beside pypinyin's default and g2pM's
  model alone, per genre. A slot "a|b" accepts either reading.
* **polyphone accuracy** on ``tests/data/polyphones/polyphones.tsv``
  (sentences written for Duìzhào, one target character each, see its
  README): ``pinyin.char_readings`` against pypinyin's default reading of
  the whole sentence (``pinyin(sentence, style=Style.TONE)``), for the
  development part, the held-out part (written after the rules) and all.
  A reading is right when syllable and tone both are (neutral tone = 5).
* the same on ``../shared/devsets/pinyin`` (a CPP sample) when that
  directory exists beside the repository; it is never copied in here.
  g2pM was trained on CPP's training split, so its figure there is
  in-domain; the full sentences show it on other text.
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
from pypinyin.constants import PINYIN_DICT  # noqa: E402
from timing import ms_per_thousand_chars  # noqa: E402

from reader.text import pinyin as ours  # noqa: E402
from reader.text import polyphone_model  # noqa: E402
from reader.text.parse import parse_seed  # noqa: E402
from reader.text.words import split_words  # noqa: E402

POLYPHONES = ROOT / "tests" / "data" / "polyphones" / "polyphones.tsv"
SENTENCES = ROOT / "tests" / "data" / "pinyin" / "sentences.tsv"
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


def load_sentences(path: Path = SENTENCES) -> list[dict]:
    """The full-pinyin sentences; ``gold``: the set of numbered readings of each Han character."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    for row in rows:
        row["gold"] = [{to_num(s) for s in slot.split("|")} for slot in row["pinyin"].split()]
    return rows


def is_polyphonic(char: str) -> bool:
    """More than one reading in pypinyin's character table (tone counts)."""
    return len({to_num(s) for s in PINYIN_DICT.get(ord(char), "").split(",") if s}) > 1


def sentence_scores(rows: list[dict], read=None) -> dict[str, tuple[int, int]]:
    """(right, total) for "all" syllables and "polyphonic" ones, overall and per genre."""
    read = read or ours.char_readings
    scores: dict[str, list[int]] = {}
    for row in rows:
        sentence = row["sentence"]
        got = [r for c, r in zip(sentence, read(sentence), strict=True) if ours.is_han(c)]
        han = [c for c in sentence if ours.is_han(c)]
        for char, reading, gold in zip(han, got, row["gold"], strict=True):
            kinds = ("all", "polyphonic") if is_polyphonic(char) else ("all",)
            for kind in kinds:
                for key in (kind, f"{row['genre']} {kind}"):
                    score = scores.setdefault(key, [0, 0])
                    score[0] += to_num(reading) in gold
                    score[1] += 1
    return {key: (right, total) for key, (right, total) in scores.items()}


def sentence_misses(rows: list[dict], read=None) -> list[str]:
    read = read or ours.char_readings
    out = []
    for row in rows:
        sentence = row["sentence"]
        got = [r for c, r in zip(sentence, read(sentence), strict=True) if ours.is_han(c)]
        han = [k for k, c in enumerate(sentence) if ours.is_han(c)]
        for pos, reading, gold in zip(han, got, row["gold"], strict=True):
            if to_num(reading) not in gold:
                context = sentence[max(0, pos - 3) : pos] + "[" + sentence[pos] + "]"
                context += sentence[pos + 1 : pos + 4]
                print_gold = "|".join(sorted(gold))
                out.append(f"{row['id']} {context} got {reading} gold {print_gold}")
    return out


def load_devset(path: Path = DEVSET) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def pypinyin_default(sentence: str) -> list[str]:
    """pypinyin's default reading, one item per character ("" where it has none)."""
    out = []
    for item in pinyin(sentence, style=Style.TONE, errors=lambda chars: [[""] for _ in chars]):
        out.append(item[0])
    return out


def g2pm_alone(sentence: str) -> list[str]:
    """g2pM's own reading of the whole sentence, one item per character ("" for non-Han)."""
    from g2pM import G2pM

    global _G2PM
    if _G2PM is None:
        _G2PM = G2pM()
    out = _G2PM(sentence, tone=True, char_split=True)
    return [
        polyphone_model._marked(r) if ours.is_han(c) and r != c else ""
        for c, r in zip(sentence, out, strict=True)
    ]


_G2PM = None


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
    sentences = load_sentences()
    readers = {"ours": ours.char_readings, "pypinyin default": pypinyin_default, "g2pM": g2pm_alone}
    scores = {name: sentence_scores(sentences, read) for name, read in readers.items()}
    print("Full sentences, tests/data/pinyin (written for Duìzhào, human pinyin)")
    print(f"  {'part':22} {'n':>5}  {'ours':>6}  {'pypinyin default':>16}  {'g2pM alone':>10}")
    for key in sorted(scores["ours"], key=lambda k: (" " in k, k)):
        total = scores["ours"][key][1]
        mine, theirs, model = (scores[name][key][0] / total for name in readers)
        print(f"  {key:22} {total:5}  {mine:6.3f}  {theirs:16.3f}  {model:10.3f}")
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
            f"CPP dev sample in ../shared ({len(dev)} targets, encyclopedic text): "
            f"ours {accuracy(dev):.3f}, pypinyin default {accuracy(dev, pypinyin_default):.3f}, "
            f"g2pM alone {accuracy(dev, g2pm_alone):.3f} (trained on CPP: in-domain)"
        )
    texts = [r["sentence"] for r in rows] + parse_seed(SEED.read_text(encoding="utf-8")).zh
    ours.annotate("预热一下。")  # load jieba, its tags and CC-CEDICT before timing
    ours.warm_up()
    print(f"Speed on {sum(map(len, texts)):,} characters (ms / 1,000 chars)")
    print(f"  annotate (words + CC-CEDICT + rules + 一/不)  {speed(texts, ours.annotate):6.1f}")
    print(f"  words + pypinyin only, no context passes     {speed(texts, _plain):6.1f}")
    print(f"  pypinyin alone, no segmentation               {speed(texts, pypinyin_default):6.1f}")


if __name__ == "__main__":
    main()
