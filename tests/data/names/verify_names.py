#!/usr/bin/env python3
"""Check names.json: offsets, English forms, counts, duplicates."""

import collections
import json
import pathlib
import sys

NAME_KINDS = {"translit", "chinese", "penname", "japanese", "address"}
OTHER_KINDS = {"place", "org"}


def main() -> int:
    """Check names.json; print counts and errors; 1 if there is any error."""
    data = json.loads(pathlib.Path(__file__).with_name("names.json").read_text(encoding="utf-8"))
    errors = []

    def err(msg):
        errors.append(msg)

    if not isinstance(data, list):
        err("top level is not a list")
    ids, zhs, ens = set(), set(), set()
    kinds = collections.Counter()
    no_name = 0
    for it in data:
        i = it.get("id")
        if set(it) != {"id", "zh", "en", "names", "other"}:
            err(f"{i}: keys {sorted(it)}")
        if i in ids:
            err(f"{i}: duplicate id")
        ids.add(i)
        zh, en = it["zh"], it["en"]
        if zh in zhs:
            err(f"{i}: duplicate zh sentence")
        if en in ens:
            err(f"{i}: duplicate en sentence")
        zhs.add(zh)
        ens.add(en)
        if not it["names"]:
            no_name += 1
        spans = []
        for n in it["names"]:
            if set(n) != {"text", "start", "kind", "en"}:
                err(f"{i}: name keys {sorted(n)}")
            t, s = n["text"], n["start"]
            if zh[s : s + len(t)] != t:
                err(f"{i}: name {t!r} not at {s} (found {zh[s : s + len(t)]!r})")
            if "·" in t or " " in t:
                err(f"{i}: name {t!r} contains dot/space")
            if n["kind"] not in NAME_KINDS:
                err(f"{i}: bad kind {n['kind']}")
            if n["en"] and n["en"] not in en:
                err(f"{i}: en {n['en']!r} not in English sentence")
            kinds[n["kind"]] += 1
            spans.append((s, s + len(t)))
        for o in it["other"]:
            if set(o) != {"text", "start", "kind"}:
                err(f"{i}: other keys {sorted(o)}")
            t, s = o["text"], o["start"]
            if zh[s : s + len(t)] != t:
                err(f"{i}: other {t!r} not at {s}")
            if o["kind"] not in OTHER_KINDS:
                err(f"{i}: bad other kind {o['kind']}")
            spans.append((s, s + len(t)))
        spans.sort()
        for (a, b), (c, d) in zip(spans, spans[1:], strict=False):
            if c < b:
                err(f"{i}: overlapping spans {a}-{b} and {c}-{d}")
        # every middle dot must sit between two annotated name parts
        for k, ch in enumerate(zh):
            if ch == "·":
                if not any(e == k for _, e in spans) or not any(s == k + 1 for s, _ in spans):
                    err(f"{i}: middle dot at {k} not between two annotated names")

    total = sum(kinds.values())
    print(f"sentences: {len(data)}  without person names: {no_name}")
    print(f"name occurrences: {total}  by kind: {dict(kinds)}")
    print(f"other: {collections.Counter(o['kind'] for it in data for o in it['other'])}")
    if len(data) != 60:
        err(f"expected 60 sentences, got {len(data)}")
    if total < 130:
        err(f"only {total} name occurrences (<130)")
    if kinds["translit"] < 50:
        err(f"only {kinds['translit']} translit (<50)")
    if kinds["chinese"] < 40:
        err(f"only {kinds['chinese']} chinese (<40)")
    if no_name < 15:
        err(f"only {no_name} sentences without names (<15)")
    for e in errors:
        print("ERROR:", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
