"""Queries compiled once (reader.prepared): the ORM's rows, seen and checked as Django's."""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext

from reader.models import Article
from reader.prepared import Prepared
from tests.factory import make_learner

pytestmark = pytest.mark.django_db

ARTICLE = Prepared(
    lambda slug: (
        Article.objects.filter(slug=slug).order_by().values_list("id", "updated", "published")[:1]
    )
)


def test_a_prepared_read_gives_the_orm_s_row_whether_queries_are_counted_or_not(seed_article):
    columns = ("id", "updated", "published")
    row = Article.objects.filter(slug=seed_article.slug).values_list(*columns).get()
    assert ARTICLE.first(slug=seed_article.slug) == row
    with CaptureQueriesContext(connection) as queries:
        assert ARTICLE.first(slug=seed_article.slug) == row
    assert len(queries) == 1
    assert ARTICLE.first(slug="no-such-article") is None


def test_a_prepared_read_in_a_broken_transaction_is_refused_as_the_orm_s(seed_article):
    learner = make_learner()
    with pytest.raises(TransactionManagementError), transaction.atomic():
        with pytest.raises(IntegrityError):
            get_user_model().objects.create(username=learner.username)
        ARTICLE.first(slug=seed_article.slug)
