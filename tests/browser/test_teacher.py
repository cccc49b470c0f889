"""A teacher adds the seed article in the admin, fixes a bead and publishes; a learner reads it."""

import os
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect

from tests.factory import SEED_FILE, import_seed, make_teacher

pytestmark = pytest.mark.browser

PASSWORD = "a-long-enough-passphrase-42"


def test_teacher_pastes_checks_fixes_and_publishes(new_context, live_server, task_worker):
    os.environ["DJANGO_TEACHER_PASSWORD"] = PASSWORD
    try:
        call_command("createteacher", "wang")
    finally:
        del os.environ["DJANGO_TEACHER_PASSWORD"]
    lines = SEED_FILE.read_text(encoding="utf-8").splitlines()

    teacher = new_context(viewport={"width": 1400, "height": 900}).new_page()
    errors = []  # a content security policy violation is one, on any page
    teacher.on("console", lambda message: message.type == "error" and errors.append(message.text))
    teacher.goto(live_server.url + "/admin/")
    teacher.fill("#id_username", "wang")
    teacher.fill("#id_password", PASSWORD)
    teacher.click("input[type=submit]")
    teacher.click("a.addlink[href='/admin/reader/article/add/']")
    teacher.fill("#id_zh_text", "\n".join(lines[:14]))
    teacher.fill("#id_en_text", "\n".join(lines[14:]))
    teacher.fill("#id_source", "ABC News, 11 September 2023")
    teacher.click("text=Align and check")

    # The page answers at once and follows the background job, then opens the alignment.
    expect(teacher.locator("#job-status")).to_be_visible()
    expect(teacher).to_have_url(re.compile(r"/admin/reader/article/\d+/alignment/$"))
    expect(teacher.locator(".messagelist")).to_contain_text("14 pairs")
    assert errors == []

    # The alignment side by side: caption and credit unmatched, a draft.
    expect(teacher.locator(".status-draft")).to_have_text("Draft")
    unmatched = teacher.locator("tr.unmatched")
    expect(unmatched).to_have_count(2)
    expect(unmatched.nth(0)).to_contain_text("2023年9月11日")
    expect(unmatched.nth(1)).to_contain_text("内森·卢纳/美国广播公司新闻")
    expect(unmatched.nth(0)).to_contain_text("unmatched: no English")

    # A learner cannot see the draft yet.
    learner_context = new_context()
    learner = learner_context.new_page()
    slug = "top-us-general-describes-putin-with-tin-cup-in-hand-asking-north-korea-for-munitions"
    article_url = f"{live_server.url}/articles/{slug}/"
    assert learner.goto(article_url).status == 404

    # Fix one bead: the credit belongs with its photo caption, as one untranslated row.
    teacher.locator("#pair-7 .side-zh button", has_text="to pair above").click()
    expect(teacher.locator("tr.unmatched")).to_have_count(1)
    expect(teacher.locator("#pair-6 .side-zh .paragraph")).to_have_count(2)
    teacher.click("button:has-text('Publish')")
    expect(teacher.locator(".status-published")).to_have_text("Published")

    # The learner reads it, with the fix in place.
    learner.goto(article_url)
    expect(learner.locator(".pair")).to_have_count(13)
    expect(learner.locator(".pair--no-en")).to_have_count(1)
    caption_text = learner.locator(".pair--no-en").evaluate(
        "el => { const c = el.cloneNode(true); c.querySelectorAll('rt').forEach(r => r.remove());"
        " return c.textContent; }"
    )
    assert "2023年9月11日" in caption_text and "内森·卢纳/美国广播公司新闻" in caption_text
    expect(learner.locator("h1")).to_contain_text("Top US general")
    assert get_user_model().objects.get(username="wang").is_staff


def test_the_alignment_page_reads_on_a_phone(new_context, live_server, transactional_db):
    article = import_seed()
    client = Client()
    client.force_login(make_teacher())
    context = new_context(viewport={"width": 375, "height": 812})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/reader/article/{article.pk}/alignment/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # Each pair a card: the Chinese and the English each as wide as the card, one above
    # the other, the buttons after them.
    zh = page.locator("#pair-0 td.side-zh").bounding_box()
    en = page.locator("#pair-0 td.side-en").bounding_box()
    actions = page.locator("#pair-0 td.pair-actions").bounding_box()
    assert zh["width"] > 300 and en["width"] > 300, (zh, en)
    assert zh["y"] + zh["height"] <= en["y"] and en["y"] + en["height"] <= actions["y"]
