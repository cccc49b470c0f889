"""The library's search, filters and order (``/?q=``), the same on SQLite and PostgreSQL."""

import re
from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from reader import services, vocabulary
from reader.models import Article, ArticleSearch
from tests.factory import make_article

pytestmark = pytest.mark.django_db

LIST = reverse("reader:article_list")


def found(client, **params) -> list[str]:
    """The slugs the list shows for these parameters, in order."""
    response = client.get(LIST, params)
    assert response.status_code == 200
    return re.findall(r'href="/articles/([\w-]+)/"', response.content.decode())


@pytest.fixture
def notice(db):
    """A short article whose Chinese title has a word its text lacks."""
    return make_article(
        slug="post-office",
        zh=["明天休息。"],
        en=["Closed tomorrow."],
        title_en="A notice on the door",
        title_zh="邮局通知",
    )


@pytest.mark.parametrize("query", ["榴弹炮", "howitzer", "Putin", "普京", "PUTIN 普京"])
def test_search_finds_an_article_by_a_word_of_its_text_in_either_language(
    client, seed_article, bank, query
):
    assert found(client, q=query) == [seed_article.slug]


@pytest.mark.parametrize(
    ("query", "slug"), [("visit", "bank-visit"), ("邮局", "post-office"), ("notice", "post-office")]
)
def test_search_finds_an_article_by_a_word_of_its_titles(client, bank, notice, query, slug):
    assert found(client, q=query) == [slug]


def test_search_finds_chinese_by_whole_words_as_cut_at_import(client, bank):
    # 我们/去/银行/。他/在/行走/。: 银行 and 行走 are words, 行 and 银 are not.
    assert services.refresh_search(article=bank).words.startswith("a visit to the bank 去 银行")
    assert found(client, q="银行") == [bank.slug]
    assert found(client, q="行") == []
    assert found(client, q="银") == []


def test_an_import_stores_the_words_a_refresh_reads_back(seed_article):
    # The import works its search words out before its transaction, from the rows it
    # is about to write; reading the written rows back must give the same words.
    stored = ArticleSearch.objects.get(article=seed_article).words
    assert "榴弹炮" in stored.split()
    assert services.refresh_search(article=seed_article).words == stored


@pytest.mark.parametrize("query", ["去银行", "我们去银行", "他在行走", "银行 他在"])
def test_chinese_typed_without_spaces_finds_its_words_in_a_row(client, bank, notice, query):
    # The bank article was cut 我们/去/银行/。他/在/行走/。
    assert found(client, q=query) == [bank.slug]


@pytest.mark.parametrize("query", ["银行去", "去行走", "行走了", "们去"])
def test_chinese_without_spaces_needs_those_words_in_that_order(client, bank, query):
    assert found(client, q=query) == []


def test_chinese_without_spaces_is_found_at_the_end_of_a_very_long_article(client, bank):
    # PostgreSQL counts word positions only up to 16,383: the words in a row must be
    # found past that too, on both databases.
    long_text = "我们 " * 17_000 + "下雪 了"
    ArticleSearch.objects.filter(article=bank).update(words=long_text)
    assert found(client, q="下雪了") == [bank.slug]
    assert found(client, q="了下雪") == []


def test_a_long_run_of_chinese_is_looked_for_as_one_word(client, bank):
    # Past MAX_CUT characters the cuts would be too many to ask for.
    assert found(client, q="我们去银行他在行走") == []


def test_a_realignment_stores_the_words_a_refresh_reads_back(seed_article):
    from reader.text.beads import merge_with_next, unmatch

    for edit in (lambda b: merge_with_next(b, 0), lambda b: unmatch(b, 3)):
        services.realign_article(article=seed_article, edit=edit)
        stored = ArticleSearch.objects.get(article=seed_article).words
        assert "榴弹炮" in stored.split()
        assert services.refresh_search(article=seed_article).words == stored


def test_search_finds_an_english_word_by_its_beginning(client, bank):
    assert found(client, q="walk") == [bank.slug]


def test_search_wants_every_word_of_the_query(client, bank, notice):
    assert found(client, q="bank walking") == [bank.slug]
    assert found(client, q="bank tomorrow") == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        "\\",
        'howitzer"',
        "bank OR",
        "NEAR(bank",
        "bank AND NOT",
        "*",
        "^bank",
        "words:bank",
        "-bank",
        "a & | ! :*",
        "(",
        "银行'\"",
        "bank " * 2000,
        "x" * 10000,
    ],
)
def test_search_takes_any_input_without_failing(client, bank, query):
    response = client.get(LIST, {"q": query})
    assert response.status_code == 200


def test_quotes_and_operators_are_only_words(client, bank, notice):
    assert found(client, q='"bank" OR') == []  # "or" is a word the bank article lacks
    assert found(client, q='"bank"') == [bank.slug]


def test_a_query_of_marks_only_filters_nothing(client, bank, notice):
    assert sorted(found(client, q='"!?')) == sorted([bank.slug, notice.slug])


def test_drafts_are_not_found(client):
    make_article(slug="draft", title_en="Secret draft", published=False)
    assert found(client, q="secret") == []


def test_search_row_follows_each_write_of_the_segments(client, bank):
    services.import_article(slug=bank.slug, zh=["邮局关门了。"], en=["The post office closed."])
    assert found(client, q="行走") == []
    assert found(client, q="邮局") == [bank.slug]

    services.realign_article(
        article=Article.objects.get(pk=bank.pk),
        edit=lambda beads: [(["他在行走。"], ["He walks."])],
    )
    assert found(client, q="邮局") == []
    assert found(client, q="行走") == [bank.slug]


def test_deleting_an_article_deletes_its_search_words(client, bank):
    bank.delete()
    assert not ArticleSearch.objects.exists()
    assert found(client, q="bank") == []


def test_migration_indexes_articles_imported_before_search(client, bank):
    ArticleSearch.objects.all().delete()
    assert found(client, q="银行") == []
    import_module("reader.migrations.0016_article_search").index_articles(apps, None)
    assert found(client, q="银行") == [bank.slug]


def test_list_filters_by_hsk_level_and_length(client, bank, notice):
    long = make_article(slug="long-one", zh=["我们去银行。" * 60], en=["We go to the bank. " * 60])
    levels = {a.slug: a.hsk_level for a in Article.objects.all()}
    level = levels[bank.slug]
    expected = sorted(slug for slug, value in levels.items() if value == level)
    assert sorted(found(client, hsk=level)) == expected
    assert sorted(found(client, length="short")) == sorted([bank.slug, notice.slug])
    assert found(client, length="medium") == [long.slug]
    assert found(client, length="long") == []
    assert found(client, q="bank", length="short") == [bank.slug]


def test_bad_filters_are_ignored(client, bank):
    assert found(client, hsk="x", length="huge", sort="cheapest") == [bank.slug]


def test_list_sorts_newest_first_or_easiest_first(client, seed_article, notice):
    Article.objects.filter(pk=seed_article.pk).update(created=notice.created + timedelta(days=1))
    assert notice.hsk_level < seed_article.hsk_level
    assert found(client) == [seed_article.slug, notice.slug]
    assert found(client, sort="newest") == [seed_article.slug, notice.slug]
    assert found(client, sort="easiest") == [notice.slug, seed_article.slug]


def test_learner_sorts_by_fewest_new_words(client, mei, bank, notice):
    vocabulary.mark_known(user=mei, words=["明天", "休息"])
    client.force_login(mei)
    assert found(client, sort="fewest_new") == [notice.slug, bank.slug]
    vocabulary.mark_known(user=mei, words=["我们", "去", "银行", "他", "在", "行走"])
    vocabulary.set_status(user=mei, word="明天", status="new")
    assert found(client, sort="fewest_new") == [bank.slug, notice.slug]


def test_visitor_is_not_offered_fewest_new_words(client, bank):
    assert "fewest_new" not in client.get(LIST).content.decode()
    assert found(client, sort="fewest_new") == [bank.slug]


def test_a_title_edited_in_the_admin_is_searched(client, admin_client, bank):
    url = reverse("admin:reader_article_change", args=[bank.pk])
    data = {"title_en": "A trip to the post", "title_zh": "邮局", "slug": bank.slug, "source": ""}
    response = admin_client.post(url, {**data, "published": "on"})
    assert response.status_code == 302
    assert found(client, q="trip 邮局") == [bank.slug]
    assert found(client, q="visit") == []


def test_search_accepts_traditional_characters(client, bank):
    assert found(client, q="銀行") == [bank.slug]  # the index holds the simplified
