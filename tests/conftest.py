import pytest

from tests.factory import import_seed


@pytest.fixture
def seed_article(db):
    return import_seed()
