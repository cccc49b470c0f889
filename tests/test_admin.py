import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["article", "paragraphpair", "segment"])
def test_each_model_is_listed_in_the_admin(admin_client, seed_article, model):
    response = admin_client.get(reverse(f"admin:reader_{model}_changelist"))
    assert response.status_code == 200
    assert "0 " not in response.content.decode().split('class="paginator"')[-1][:20]


def test_article_change_page_shows_its_pairs(admin_client, seed_article):
    response = admin_client.get(reverse("admin:reader_article_change", args=[seed_article.pk]))
    assert response.status_code == 200
    assert "内森·卢纳/美国广播公司新闻" in response.content.decode()
