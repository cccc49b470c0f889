"""CC-CEDICT lookups, and the SQLite index they read."""

import gzip
import os
import threading
from pathlib import Path

import pytest

from reader.text import dictionary
from reader.text.dictionary import Entry, english_words, is_word, lookup, lookup_many
from reader.text.english import lemma

TINY = """\
# CC-CEDICT (a tiny test copy)
銀行 银行 [yin2 hang2] /bank/CL:家[jia1],個|个[ge4]/
行 行 [xing2] /to walk/to go/
行 行 [hang2] /row/line/
普京 普京 [Pu3 jing1] /Vladimir Putin (1952-), president of Russia/
"""


def _write_gz(path: Path, text: str, mtime: int) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write(text)
    os.utime(path, (mtime, mtime))
    return path


@pytest.fixture
def tiny(tmp_path):
    """The module pointed at a four-entry dictionary in a temporary folder."""
    source = _write_gz(tmp_path / "cedict.txt.gz", TINY, 1_700_000_000)
    dictionary.configure(tmp_path / "var" / "cedict.sqlite3", source=source)
    yield source
    dictionary.configure()


def test_lookup_returns_entries_with_numbered_pinyin():
    entries = lookup("银行")
    assert entries[0] == Entry("银行", "銀行", "yin2 hang2", entries[0].definitions)
    assert "bank" in entries[0].definitions


def test_lookup_by_traditional_form():
    assert lookup("銀行") == lookup("银行")


def test_unknown_word_has_no_entries():
    assert lookup("不是一个词语吧") == []
    assert not is_word("不是一个词语吧") and is_word("银行")


def test_lookup_many_answers_like_lookup():
    words = ["银行", "銀行", "行", "不是一个词语吧"]
    assert lookup_many(words) == {w: lookup(w) for w in words}


def test_english_words_are_the_lemmas_of_content_words():
    assert english_words("普京") >= {"putin"}
    assert english_words("周一") == {lemma("Monday")}
    assert english_words("武器") >= {lemma("weapons")}


def test_english_words_drop_classifiers_surnames_and_stop_words():
    assert "cl" not in english_words("银行")
    assert lemma("surname") not in english_words("李") and "li" not in english_words("李")
    assert "the" not in english_words("的")


def test_index_from_a_configured_source_by_both_forms(tiny, tmp_path):
    assert lookup("银行") == [
        Entry("银行", "銀行", "yin2 hang2", ("bank", "CL:家[jia1],個|个[ge4]"))
    ]
    assert lookup("銀行") == lookup("银行")
    assert [e.pinyin for e in lookup("行")] == ["xing2", "hang2"]  # the source's order
    assert lookup("武器") == []
    index = dictionary.ensure_index()
    assert index.parent == tmp_path / "var" and index.name.startswith("cedict-")
    assert index.suffix == ".sqlite3"


def test_a_changed_source_gets_a_new_index(tiny):
    first = dictionary.ensure_index()
    assert lookup("武器") == []
    _write_gz(tiny, TINY + "武器 武器 [wu3 qi4] /weapon/arms/\n", 1_700_000_100)
    dictionary.configure(first.parent / "cedict.sqlite3", source=tiny)  # as a restart would
    second = dictionary.ensure_index()
    assert second != first and second.exists() and not first.exists()
    assert lookup("武器")[0].definitions == ("weapon", "arms")


def test_concurrent_first_use_from_threads(tiny):
    start = threading.Barrier(8)
    results: list = []
    errors: list = []

    def worker() -> None:
        try:
            start.wait()
            results.append((lookup("銀行"), english_words("普京"), threading.get_ident()))
        except Exception as exc:  # noqa: BLE001 - reported by the assert below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len({(tuple(r[0]), r[1]) for r in results}) == 1 and len(results) == 8
    folder = dictionary.ensure_index().parent
    assert [p.name for p in folder.iterdir()] == [dictionary.ensure_index().name]  # no temp left


def test_prefetched_words_are_looked_up_without_another_query(monkeypatch):
    dictionary.configure()  # the default index, with nothing read yet
    dictionary.prefetch(["银行", "榴弹炮", "不是一个词语吧"])
    queries = []
    real = dictionary._read
    monkeypatch.setattr(dictionary, "_read", lambda words: queries.append(words) or real(words))
    assert lookup("银行")[0].definitions[0] == "bank"
    assert lookup("不是一个词语吧") == [] and is_word("榴弹炮")
    assert queries == []
    lookup("武器")
    assert queries == [["武器"]]


def test_a_word_that_is_no_headword_costs_no_query(tiny, monkeypatch):
    assert lookup("银行")  # the first read also reads the headwords' hashes
    queries = []
    real = dictionary._connection

    class Recording:
        def __init__(self, con):
            self.con = con

        def execute(self, sql, *args):
            queries.append(sql)
            return self.con.execute(sql, *args)

    monkeypatch.setattr(dictionary, "_connection", lambda: Recording(real()))
    assert lookup("不是一个词语吧") == [] and not is_word("普京银行")
    dictionary.prefetch(["银行普京", "行行"])
    assert queries == []
    assert lookup("行") and len(queries) == 1


def test_proper_names_among_many_strings_read_only_the_headwords(tiny, monkeypatch):
    assert lookup("银行")  # the headwords' hashes are read
    reads = []
    real = dictionary._read
    monkeypatch.setattr(dictionary, "_read", lambda words: reads.append(words) or real(words))
    assert dictionary.proper_names(["普京", "银行", "普京银行", "行行"]) == {"普京"}
    assert reads == [["普京"]]  # 银行 was read already; the others are no headwords


def test_reconfiguring_forgets_the_headwords_of_the_old_index(tiny, tmp_path):
    assert lookup("普京") and lookup("武器") == []
    source = _write_gz(tmp_path / "other.txt.gz", "武器 武器 [wu3 qi4] /weapon/\n", 1_700_000_000)
    dictionary.configure(tmp_path / "other" / "cedict.sqlite3", source=source)
    assert lookup("武器")[0].definitions == ("weapon",) and lookup("普京") == []
