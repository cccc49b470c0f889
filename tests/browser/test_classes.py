"""A teacher's day in a real browser: a class, a join link, an assignment made in place,
a learner reading in test-yourself mode, and the sentences where the class struggled."""

import itertools
import re
import time

import pytest
from playwright.sync_api import expect

from reader.models import Article, Assignment, Classroom, ReadingEvent
from tests.browser.chromium import log_in
from tests.factory import PASSWORD, make_teacher

pytestmark = pytest.mark.browser


def log_in_as(page, live_server, user, path: str):
    page.goto(f"{live_server.url}/accounts/login/?next={path}")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    expect(page).to_have_url(live_server.url + path)


def test_a_teacher_assigns_a_learner_reads_and_the_teacher_sees_where(
    new_context, live_server, seed_url
):
    teacher = new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in_as(teacher, live_server, make_teacher("wang"), "/classes/")
    teacher.fill("input[name=name]", "Chinese 3B")
    teacher.fill("input[name=term]", "Spring 2027")
    teacher.click("text=Make a class")
    classroom = Classroom.objects.get()
    expect(teacher).to_have_url(live_server.url + classroom.get_absolute_url())
    expect(teacher.locator(".join-code--big")).to_have_text(classroom.code)
    link = teacher.locator("input.join-link").input_value()

    # Assigning is done in place: htmx swaps the work region, the page stays.
    teacher.evaluate("window.stillHere = true")
    teacher.select_option("select[name=article]", value=str(Article.objects.get().pk))
    teacher.fill("input[name=due]", "2027-03-05")
    teacher.get_by_role("button", name="Assign", exact=True).click()
    expect(teacher.locator(".assignment-item")).to_have_count(1)
    expect(teacher.locator(".assignment-item")).to_contain_text("due Fri 5 Mar")
    assert teacher.evaluate("window.stillHere") is True
    assignment = Assignment.objects.get()

    # The learner follows the join link, joins, and finds the article first on the list.
    learner = new_context(viewport={"width": 1280, "height": 900}).new_page()
    posts = []
    learner.on(
        "request",
        lambda r: (
            posts.append((time.monotonic(), r.post_data or "")) if "/progress/" in r.url else None
        ),
    )
    log_in(learner, live_server, live_server.url + "/")
    learner.goto(link)
    learner.click("text=Join the class")
    expect(learner.locator(".messages")).to_contain_text("You joined Chinese 3B")
    learner.goto(live_server.url + "/")
    first = learner.locator(".due-item").first
    expect(first).to_contain_text("due Fri 5 Mar")
    expect(first).to_contain_text("Not done")
    first.locator("a").click()
    expect(learner).to_have_url(seed_url)
    expect(learner.locator("[data-assigned]")).to_have_text(
        "Assigned by Chinese 3B (Spring 2027) · due Fri 5 Mar 2027"
    )

    # Test yourself: two sentences' English revealed, by a tap on it and by Enter.
    learner.click("summary:has-text('Settings')")
    learner.check("input[name=mode][value=test]")
    learner.click("summary:has-text('Settings')")  # closed again
    expect(learner.locator("html")).to_have_attribute("data-mode", "test")
    sentences = learner.locator(".side--zh .seg[data-seg]")
    first_id = sentences.nth(0).get_attribute("data-seg")
    second_id = sentences.nth(1).get_attribute("data-seg")
    learner.locator(f"#seg-{first_id}-en").click()  # the hidden English, tapped
    sentences.nth(1).focus()
    learner.keyboard.press("Enter")
    expect(learner.locator(f"#seg-{second_id}-en")).to_have_class(re.compile(r"is-revealed"))
    # A word looked up in the second sentence (its entry stays open a moment).
    word = sentences.nth(1).locator(".w:not(.nm)").nth(1)
    looked_up = word.get_attribute("data-w") or word.inner_text()
    with learner.expect_response(lambda r: "/seen/" in r.url):
        word.hover()
    # The reveals travel in one batch with the reading progress, not one request each.
    for _ in range(60):
        if ReadingEvent.objects.filter(kind=ReadingEvent.Kind.REVEAL).count() == 2:
            break
        learner.wait_for_timeout(200)
    revealed = set(
        ReadingEvent.objects.filter(kind=ReadingEvent.Kind.REVEAL).values_list(
            "segment_id", flat=True
        )
    )
    assert revealed == {int(first_id), int(second_id)}
    batches = [body for _, body in posts if "revealed=" in body]
    assert len(batches) == 1 and batches[0].endswith(f"revealed={first_id}%2C{second_id}")
    times = [at for at, _ in posts]
    assert all(b - a > 3.5 for a, b in itertools.pairwise(times))  # a batch every few s
    assert ReadingEvent.objects.filter(kind=ReadingEvent.Kind.LOOKUP).count() == 1
    # Tapping a word looks it up; its sentence's English stays hidden.
    third = sentences.nth(2)
    third.locator(".w:not(.nm)").first.click()
    expect(learner.locator("#gloss")).to_be_visible()
    third_id = third.get_attribute("data-seg")
    expect(learner.locator(f"#seg-{third_id}-en")).not_to_have_class(re.compile(r"is-revealed"))

    # The teacher's table and the struggle map show it.
    teacher.goto(live_server.url + classroom.get_absolute_url())
    expect(teacher.locator(".class-table tbody tr")).to_have_count(1)
    expect(teacher.locator(".class-table tbody td.cell").first).not_to_contain_text("not opened")
    teacher.goto(live_server.url + assignment.get_absolute_url())
    shaded = teacher.locator(f".struggle-seg[href$='/sentences/{second_id}/']")
    expect(shaded).to_have_class(re.compile(r"shade-4"))
    expect(teacher.locator(".struggle-seg.shade-0").first).to_be_visible()
    shaded.click()
    expect(teacher.locator("#sentence-words table")).to_be_visible()
    expect(teacher.locator("#sentence-words")).to_contain_text(looked_up.strip())
    expect(teacher.locator("#sentence-words")).to_contain_text("1 revealed the English")
    expect(shaded).to_have_attribute("aria-current", "true")
    assert teacher.url.endswith(assignment.get_absolute_url())  # swapped in place

    # Removing an assignment asks first; saying no changes nothing.
    teacher.goto(live_server.url + classroom.get_absolute_url())
    teacher.once("dialog", lambda dialog: dialog.dismiss())
    teacher.get_by_role("button", name="Remove the assignment").click()
    teacher.wait_for_timeout(300)
    assert Assignment.objects.filter(pk=assignment.pk).exists()
