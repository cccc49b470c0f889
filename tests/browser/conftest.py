"""Real Chromium (Debian's), driven by Playwright, against Django's live server."""

import os

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.chromium import launch
from tests.factory import import_seed

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make between browser steps are ordinary blocking calls all the same.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser):
    """Browser contexts for one test, closed at its end once their requests have finished,
    so that the live server never answers a test that is already over."""
    contexts = []

    def make(**options):
        context = browser.new_context(**options)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        for page in context.pages:
            page.wait_for_load_state("networkidle")
        context.close()


@pytest.fixture
def page(new_context):
    return new_context(viewport={"width": 1280, "height": 900}).new_page()


@pytest.fixture
def seed_url(live_server, transactional_db):
    article = import_seed()
    return live_server.url + article.get_absolute_url()


@pytest.fixture
def task_worker(transactional_db):
    """The real database task worker (django-tasks-db's), running beside the live server."""
    import threading

    from django.db import connections
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["default"],
        interval=0.1,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="browser-tests",
        excluded_queue_names=[],
    )

    def run():
        try:
            worker.run()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    yield worker
    worker.running = False
    thread.join(timeout=30)
