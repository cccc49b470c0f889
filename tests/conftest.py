import pytest

from tests.factory import import_seed, make_article, make_learner, make_story


@pytest.fixture
def seed_article(db):
    return import_seed()


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with no rendered article HTML kept from another."""
    from reader import pages

    pages.pairs_cache.clear()
    pages.shell_cache.clear()
    pages.words_cache.clear()
    pages.state_cache.clear()
    pages._progress_json.cache_clear()


@pytest.fixture
def bank(db):
    """A short article: 我们去银行。他在行走。"""
    return make_article()


@pytest.fixture
def story(db):
    """Four sentences in two paragraphs."""
    return make_story()


@pytest.fixture
def mei(db):
    return make_learner("mei")
