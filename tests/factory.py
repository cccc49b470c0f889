"""Plain factory functions for the few models there are."""

import re
from contextlib import contextmanager
from pathlib import Path

from django.contrib.auth import get_user_model

from reader import services
from reader.models import Segment
from reader.text.parse import parse_bytes

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILE = SEEDS / "milley-tin-cup.txt"
PASSWORD = "a-long-enough-passphrase-42"


def import_seed(*, published: bool = True):
    """The seed article, parsed, aligned and annotated by the real pipeline."""
    parsed = parse_bytes(SEED_FILE.read_bytes())
    return services.import_parsed(parsed=parsed, slug="milley-tin-cup", published=published).article


def make_article(
    *,
    slug: str = "bank-visit",
    zh: list[str] | None = None,
    en: list[str] | None = None,
    title_en: str = "A visit to the bank",
    title_zh: str = "去银行",
    published: bool = True,
):
    return services.import_article(
        slug=slug,
        zh=zh or ["我们去银行。他在行走。"],
        en=en or ["We go to the bank. He is walking."],
        title_en=title_en,
        title_zh=title_zh,
        published=published,
    ).article


def make_story(*, slug: str = "story", title_en: str = "A short story"):
    """Four sentences in two paragraphs: 我们去银行。他在行走。 / 明天休息。我们回家。"""
    return make_article(
        slug=slug,
        zh=["我们去银行。他在行走。", "明天休息。我们回家。"],
        en=["We go to the bank. He is walking.", "Tomorrow we rest. We go home."],
        title_en=title_en,
        title_zh="小故事",
    )


def make_learner(username: str = "mei"):
    return get_user_model().objects.create_user(username=username, password=PASSWORD)


def seed_segments(article) -> list[Segment]:
    """The article's segments with Chinese, in reading order."""
    return list(
        Segment.objects.filter(pair__article=article)
        .exclude(zh="")
        .order_by("pair__position", "position")
    )


def page_words(html: str) -> list[str]:
    """The Chinese words a reader page shows, in order, without the pinyin over them."""
    words = re.findall(r'<span class="w[^"]*"[^>]*>((?:<ruby[^>]*>.*?</ruby>)+)</span>', html)
    return [re.sub(r"<rt>.*?</rt>|<[^>]+>", "", word) for word in words]


def run_worker() -> None:
    """Run the queued background jobs now, with the real database worker, then return."""
    from django.core.management import call_command

    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)


@contextmanager
def jobs_run():
    """Run the jobs that the code inside queues, with the real worker, once it is done.

    Needs a test that commits (``django_db(transaction=True)``): the worker,
    like the real one, reads what was committed and opens its own transactions.
    """
    yield
    run_worker()


def make_teacher(username: str = "wang"):
    """A staff user in the Teachers group, as ``createteacher`` makes one."""
    from django.contrib.auth.models import Group, Permission

    from reader.teachers import ensure_teachers_group

    user = get_user_model().objects.create_user(username=username, password=PASSWORD, is_staff=True)
    user.groups.add(ensure_teachers_group(Group, Permission))
    return user
