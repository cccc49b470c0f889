"""Debian's Chromium as the tests and the README's screenshot launch it.

The flags keep a headless Chromium, run as root, from reaching for the
network it does not have here (updates, sync, first-run pages).
"""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


# The characters of an element, without the pinyin over them (``locator.evaluate``).
CHINESE_TEXT = """el => {
  let text = "";
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.parentElement.closest("rt")) text += node.nodeValue;
  }
  return text;
}"""


def log_in(page, live_server, url: str, username: str = "mei"):
    """Make a learner and log them in through the form, back at ``url``; the learner."""
    from playwright.sync_api import expect

    from tests.factory import PASSWORD, make_learner

    learner = make_learner(username)
    page.goto(f"{live_server.url}/accounts/login/?next={url.removeprefix(live_server.url)}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    expect(page).to_have_url(url)
    return learner
