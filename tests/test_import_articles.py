import shutil

import pytest
from django.core.management import CommandError, call_command

from reader.models import Article, ParagraphPair, Segment
from tests.factory import SEED_FILE

pytestmark = pytest.mark.django_db

# A short article of our own, English first, with a BOM and Windows line ends.
ENGLISH_FIRST = (
    "\ufeffA Rainy Morning in Hangzhou\r\n"
    "\r\n"
    "It rained all morning. We stayed inside and drank tea.\r\n"
    "In the afternoon, the sun came out over West Lake.\r\n"
    "\r\n"
    "杭州的雨天早晨\r\n"
    "整个上午都在下雨。我们待在屋里喝茶。\r\n"
    "下午，太阳从西湖上空出来了。\r\n"
)


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("import_articles", *args, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def test_import_prints_one_line_per_article(tmp_path):
    out, err, error = run(str(SEED_FILE))
    assert error is None, err
    segments = Segment.objects.count()
    assert out.strip() == f"milley-tin-cup: 14 pairs, {segments} segments, 2 unmatched (created)"
    article = Article.objects.get(slug="milley-tin-cup")
    assert article.published
    assert article.title_en.startswith("Top US general describes Putin")
    assert article.title_zh == ""


def test_import_again_changes_nothing_and_a_changed_file_updates(tmp_path):
    path = tmp_path / "milley-tin-cup.txt"
    shutil.copy(SEED_FILE, path)
    run(str(path))
    first_pk = Article.objects.get().pk
    segments = set(Segment.objects.values_list("pk", flat=True))
    out, _, error = run(str(path))
    assert error is None
    assert (
        out.strip()
        == f"milley-tin-cup: 14 pairs, {len(segments)} segments, 2 unmatched (unchanged)"
    )
    assert set(Segment.objects.values_list("pk", flat=True)) == segments
    path.write_text(SEED_FILE.read_text(encoding="utf-8").replace("米莉", "米利"), encoding="utf-8")
    out, _, error = run(str(path))
    assert error is None and out.strip().endswith("(updated)")
    assert Article.objects.get().pk == first_pk
    assert ParagraphPair.objects.count() == 14
    assert "米莉" not in "".join(Segment.objects.values_list("zh", flat=True))


def test_reimport_keeps_a_teachers_draft_and_titles(tmp_path):
    path = tmp_path / "milley-tin-cup.txt"
    shutil.copy(SEED_FILE, path)
    run(str(path))
    Article.objects.update(published=False, title_zh="锡杯")
    path.write_text(SEED_FILE.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _, _, error = run(str(path))
    assert error is None
    article = Article.objects.get()
    assert (article.published, article.title_zh) == (False, "锡杯")
    assert article.title_en.startswith("Top US general")


def test_import_takes_folders(tmp_path):
    shutil.copy(SEED_FILE, tmp_path / "milley-tin-cup.txt")
    (tmp_path / "rainy-hangzhou.txt").write_text(ENGLISH_FIRST, encoding="utf-8", newline="")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    out, err, error = run(str(tmp_path))
    assert error is None, err
    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "milley-tin-cup",
        "rainy-hangzhou",
    ]
    assert len(out.strip().splitlines()) == 2


def test_english_first_file_with_bom_and_crlf_imports_with_both_titles(tmp_path):
    path = tmp_path / "rainy-hangzhou.txt"
    path.write_bytes(ENGLISH_FIRST.encode("utf-8"))
    _, err, error = run(str(path))
    assert error is None, err
    article = Article.objects.get(slug="rainy-hangzhou")
    assert article.title_en == "A Rainy Morning in Hangzhou"
    assert article.title_zh == "杭州的雨天早晨"
    pairs = list(article.pairs.values_list("zh", "en"))
    assert pairs == [
        (
            "整个上午都在下雨。我们待在屋里喝茶。",
            "It rained all morning. We stayed inside and drank tea.",
        ),
        ("下午，太阳从西湖上空出来了。", "In the afternoon, the sun came out over West Lake."),
    ]
    segments = list(
        Segment.objects.filter(pair__article=article)
        .order_by("pair__position", "position")
        .values_list("zh", "en")
    )
    assert segments[:2] == [
        ("整个上午都在下雨。", "It rained all morning."),
        ("我们待在屋里喝茶。", "We stayed inside and drank tea."),
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (ENGLISH_FIRST.encode("gb18030"), "UTF-8"),
        (b"", "empty"),
        (b"We went out.\nIt was cold.\n", "Chinese"),
        ("我们出去了。\n天很冷。\n".encode(), "English"),
        (ENGLISH_FIRST.replace("杭州", "杭\x00州").encode(), "holds NUL"),
        (("我们去银行。\n" * 400_000 + "We go.\n").encode(), "the limit is 2 MB"),
    ],
    ids=["not-utf8", "empty", "no-chinese", "no-english", "nul", "too-big"],
)
def test_bad_file_is_named_with_its_reason_and_saves_nothing(tmp_path, content, reason):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(content)
    out, err, error = run(str(bad))
    assert error is not None
    assert str(bad) in err
    assert reason in err
    assert Article.objects.count() == 0
    assert ParagraphPair.objects.count() == 0


def test_bad_file_does_not_stop_the_good_ones(tmp_path):
    (tmp_path / "a-broken.txt").write_bytes("只有中文。\n".encode())
    shutil.copy(SEED_FILE, tmp_path / "milley-tin-cup.txt")
    out, err, error = run(str(tmp_path))
    assert error is not None and "1 file" in str(error)
    assert "a-broken.txt" in err
    assert "milley-tin-cup: 14 pairs" in out
    assert list(Article.objects.values_list("slug", flat=True)) == ["milley-tin-cup"]


def test_bad_reimport_keeps_the_article_as_it_was(tmp_path):
    path = tmp_path / "milley-tin-cup.txt"
    shutil.copy(SEED_FILE, path)
    run(str(path))
    path.write_bytes(b"\xff\xfe broken")
    _, _, error = run(str(path))
    assert error is not None
    assert ParagraphPair.objects.count() == 14


def test_dry_run_saves_nothing():
    out, _, error = run("--dry-run", str(SEED_FILE))
    assert error is None
    assert "milley-tin-cup: 14 pairs" in out and "would be created" in out
    assert Article.objects.count() == 0


def test_missing_path_is_an_error():
    _, _, error = run("/no/such/file.txt")
    assert error is not None and "no such file" in str(error)


def test_a_bad_file_among_good_ones_is_skipped_and_the_others_import(tmp_path):
    (tmp_path / "a-good-one.txt").write_text(ENGLISH_FIRST, encoding="utf-8")
    (tmp_path / "b-broken.txt").write_bytes(ENGLISH_FIRST.replace("杭州", "杭\x00州").encode())
    (tmp_path / "c-good-too.txt").write_bytes(SEED_FILE.read_bytes())
    out, err, error = run(str(tmp_path))
    assert error is not None and "1 file(s) could not be imported" in str(error)
    assert "b-broken.txt: not imported: line 6 holds NUL" in err
    assert set(Article.objects.values_list("slug", flat=True)) == {"a-good-one", "c-good-too"}


def test_limits_can_be_raised_for_a_big_file(tmp_path):
    path = tmp_path / "long.txt"
    lines = [f"第{n}段：今天我们去了学校。" for n in range(60)]
    lines += [f"Paragraph {n}: today we went to school." for n in range(60)]
    path.write_text("\n".join(lines), encoding="utf-8")
    _, err, error = run(str(path), "--max-paragraphs", "50")
    assert error is not None and "the Chinese side has 60 paragraphs; the limit is 50" in err
    _, err, error = run(str(path), "--max-paragraphs", "100")
    assert error is None, err
    assert Article.objects.get(slug="long").pairs.count() == 60


def test_two_sides_that_cannot_be_one_article_need_the_flag(tmp_path):
    path = tmp_path / "lopsided.txt"
    lines = [f"第{n}段：今天我们去了学校。" for n in range(300)] + ["One English paragraph."]
    path.write_text("\n".join(lines), encoding="utf-8")
    _, err, error = run(str(path))
    assert error is not None and "--confirm-mismatch" in err
    assert not Article.objects.exists()
    _, err, error = run(str(path), "--confirm-mismatch")
    assert error is None, err
