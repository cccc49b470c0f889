"""The reader's script: the same page, ids and links in simplified or traditional characters."""

import re

from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from reader.models import Article, Profile
from reader.services import import_article
from tests.factory import make_learner, page_words


def choose(client, script):
    client.post(reverse("reader:preferences_update"), {"script": script})


def ids(html):
    """Everything that ties the page together: sentence ids and word links, in order."""
    return re.findall(r'(?:data-seg|data-bookmark-for|data-i|data-l)="[^"]*"', html)


def test_the_seed_in_traditional_taiwan_shows_guo_with_the_same_ids(client, seed_article):
    url = seed_article.get_absolute_url()
    simplified = client.get(url).content.decode()
    choose(client, "taiwan")
    traditional = client.get(url).content.decode()

    assert "国家" in page_words(simplified)
    assert "國家" in page_words(traditional)
    assert "国家" not in page_words(traditional)
    assert ids(traditional) == ids(simplified)
    assert [len(w) for w in page_words(traditional)] == [len(w) for w in page_words(simplified)]
    assert 'data-script="taiwan"' in traditional
    assert '<div class="side side--zh" lang="zh-Hant-TW">' in traditional
    # The word keeps its stored form, which the pop-up and word statuses use.
    assert 'data-w="国家"' in traditional


def test_hong_kong_and_taiwan_each_write_taiwan_their_own_way(client, db):
    url = import_article(
        slug="tw", zh=["台湾很大。"], en=["Taiwan is big."]
    ).article.get_absolute_url()
    choose(client, "hongkong")
    assert page_words(client.get(url).content.decode()) == ["台灣", "很", "大"]
    choose(client, "taiwan")
    assert page_words(client.get(url).content.decode()) == ["臺灣", "很", "大"]


def test_each_script_has_its_own_cached_pairs(client, seed_article):
    url = seed_article.get_absolute_url()
    choose(client, "taiwan")
    assert "國家" in page_words(client.get(url).content.decode())
    other = client.__class__()
    assert "国家" in page_words(other.get(url).content.decode())
    assert "國家" not in page_words(other.get(url).content.decode())


def test_a_learner_keeps_the_script_in_the_profile(client, seed_article):
    learner = make_learner()
    client.force_login(learner)
    choose(client, "hongkong")
    assert Profile.objects.get(user=learner).script == "hongkong"
    assertContains(client.get(seed_article.get_absolute_url()), 'data-script="hongkong"')


def test_the_popup_leads_with_the_traditional_form_for_traditional_readers(db):
    from django.test import Client

    url = reverse("reader:word_gloss", args=["国家"])
    simplified = Client().get(url).content.decode()
    traditional = Client().get(url + "?script=taiwan").content.decode()
    assert re.search(r'class="gloss-word" lang="zh-Hans">国家<', simplified)
    assert re.search(r'class="gloss-word" lang="zh-Hant">國家<', traditional)
    assert 'data-word="国家"' in traditional


def test_the_popup_lists_a_words_characters_in_the_readers_script(db):
    from django.test import Client

    # 地铁站 is no one entry: the pop-up lists its characters, in the page's script too.
    url = reverse("reader:word_gloss", args=["地铁站"])
    traditional = Client().get(url + "?script=hongkong").content.decode()
    chars = re.findall(r'class="gloss-char" lang="zh-Hant">(.)<', traditional)
    assert "鐵" in chars and "铁" not in chars, chars
    simplified = Client().get(url).content.decode()
    assert "铁" in re.findall(r'class="gloss-char" lang="zh-Hans">(.)<', simplified)


def test_an_article_pasted_in_traditional_is_stored_as_written_and_shown_simplified(client, db):
    article = import_article(
        slug="bank", zh=["我們去銀行。"], en=["We go to the bank."], title_zh="去銀行"
    ).article
    stored = Article.objects.get(pk=article.pk)
    assert stored.pairs.first().segments.first().zh == "我們去銀行。"
    page = client.get(article.get_absolute_url()).content.decode()
    assert page_words(page) == ["我们", "去", "银行"]
    assert 'data-w="我們"' in page
    assertContains(client.get(article.get_absolute_url()), "去银行")
    assertNotContains(client.get(article.get_absolute_url()), ">去銀行<")
    choose(client, "taiwan")
    assert page_words(client.get(article.get_absolute_url()).content.decode()) == [
        "我們",
        "去",
        "銀行",
    ]


def test_a_learners_own_pages_follow_the_script_too(client, db):
    article = import_article(
        slug="guo", zh=["国家很大。"], en=["The country is big."], title_zh="国家"
    ).article
    learner = make_learner("mei")
    client.force_login(learner)
    segment = article.pairs.get().segments.get()
    client.post(reverse("reader:bookmark_toggle", kwargs={"segment_id": segment.pk}))
    client.post(
        reverse("reader:word_status", kwargs={"word": "国家"}),
        {"status": "learning", "seg": segment.pk},
    )
    choose(client, "taiwan")
    for url in (reverse("reader:article_list"), reverse("reader:bookmark_list")):
        page = client.get(url).content.decode()
        text = re.sub(r"<rt>.*?</rt>|<[^>]+>", "", page)  # what the learner reads
        assert 'lang="zh-Hant-TW"' in page and "國家" in text and "国家" not in text, url
    words = client.get(reverse("reader:word_list")).content.decode()
    assert '<span class="word-zh" lang="zh-Hant-TW">國家</span>' in words
    # A traditional query finds the word, which is kept in simplified.
    found = client.get(reverse("reader:word_list"), {"q": "國家"}).content.decode()
    assert '<span class="word-zh" lang="zh-Hant-TW">國家</span>' in found


def test_a_review_card_follows_the_script(client, db):
    article = import_article(slug="guo", zh=["国家很大。"], en=["The country is big."]).article
    client.force_login(make_learner("mei"))
    segment = article.pairs.get().segments.get()
    client.post(
        reverse("reader:word_status", kwargs={"word": "国家"}),
        {"status": "learning", "seg": segment.pk},
    )
    choose(client, "hongkong")
    card = client.get(reverse("reader:review")).content.decode()
    text = re.sub(r"<rt>.*?</rt>|<[^>]+>", "", card)
    assert 'class="review-zh" lang="zh-Hant-HK"' in card
    assert "很大" in text and "國家" in text and "国家" not in text
    assert 'class="review-blank"' in card  # the prompt's markup is kept, not escaped
