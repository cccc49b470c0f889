import pytest

from tests.factory import import_seed


@pytest.fixture
def seed_article(db):
    return import_seed()


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with no cached article HTML."""
    from django.core.cache import cache

    cache.clear()
