"""Playwright against Debian's Chromium and pytest-django's live server (a real server thread, committed data)."""

import os
from pathlib import Path

import pytest

from tests.conftest import REPO

# Playwright's sync API runs an asyncio loop in this thread; the ORM calls the tests make for their setup and checks
# are still plain synchronous code, which Django would otherwise refuse while a loop is running.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# Every run saves screenshots under test-artifacts/; `SCREENSHOTS_DIR=docs/screenshots make test` refreshes the
# README's copies, so an ordinary test run never rewrites tracked files.
SCREENSHOTS = REPO / os.environ.get("SCREENSHOTS_DIR", "test-artifacts/screenshots")
PASSWORD = "test-pass-123"  # the password tests.conftest.make_user gives every test account


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium); not found")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def log_in(browser, live_server):
    """log_in(username) -> a page of a fresh browser context, logged in through the real login form."""
    contexts = []

    def open_as(username: str, *, width: int = 1280, height: int = 800):
        context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": height})
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.goto("/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(lambda url: "/login/" not in url)
        return page

    yield open_as
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot():
    """screenshot(page, name): saves <SCREENSHOTS_DIR>/<name>.png (docs/screenshots holds the README's copies)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str, **options):
        path = SCREENSHOTS / f"{name}.png"
        page.locator("#toast").wait_for(state="hidden")
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(path), animations="disabled", caret="hide", **options)
        return path

    return take
