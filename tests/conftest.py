import pytest

from tests.factory import import_seed


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
