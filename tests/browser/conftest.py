"""Browser fixtures: the app on the demo database, served in a thread, and headless Chromium.

Chromium is Debian's (``/usr/bin/chromium``); Playwright never downloads a
browser. If it is missing it is installed once with apt-get (we run as root).
Every page fails its test on a console error, an uncaught exception or a
request that leaves the app (``file:``, ``data:`` and ``blob:`` stay local).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from powermap.demo import load_demo
from powermap.store import Store
from tests.conftest import DEMO_TODAY

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def pytest_configure(config):
    config.addinivalue_line("markers", "expect_http_errors(*statuses): API answers a test "
                                       "provokes on purpose (Chromium logs them as errors); "
                                       "'network' for requests the test aborts")


def ensure_chromium() -> str:
    """Path of Debian's chromium, installed with apt-get if missing."""
    if not os.path.exists(CHROMIUM):
        if shutil.which("apt-get") is None:
            pytest.skip("no chromium and no apt-get to install it")
        subprocess.run(["apt-get", "update"], check=True)
        subprocess.run(["apt-get", "install", "-y", "chromium"], check=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    return CHROMIUM


def _demo(tmp_path_factory, locale: str) -> str:
    path = str(tmp_path_factory.mktemp("browser") / f"demo-{locale}.db")
    with Store(path) as store:
        load_demo(store, today=DEMO_TODAY, locale=locale)
    return path


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory):
    """The demo in a file of its own, served, for a module whose tests write to it:
    ``(url, path)``."""
    path = _demo(tmp_path_factory, "en")
    with _served(path) as url:
        yield url, path


@contextlib.contextmanager
def _served(db: str):
    """The app on 127.0.0.1 (werkzeug's threaded server in a daemon thread)."""
    from werkzeug.serving import make_server

    from powermap.web import create_app

    app = create_app({"DATABASE": db, "TESTING": True, "SECRET_KEY": "browser-tests"})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> str:
    """The English demo."""
    return _demo(tmp_path_factory, "en")


@pytest.fixture(scope="session")
def zh_demo_db(tmp_path_factory) -> str:
    """The same demo loaded in Chinese (``powermap demo --lang zh_CN``)."""
    return _demo(tmp_path_factory, "zh_CN")


@pytest.fixture(scope="session")
def base_url(demo_db):
    with _served(demo_db) as url:
        yield url


@pytest.fixture(scope="session")
def zh_base_url(zh_demo_db):
    with _served(zh_demo_db) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = ensure_chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class PageWatch:
    """What a page did that it should not have: console errors, outside requests."""

    def __init__(self, allowed_origin: str | None,
                 expected_statuses: tuple[int | str, ...] = ()):
        self.allowed = allowed_origin
        self.expected = [f"status of {status} " if status != "network" else "net::ERR_FAILED"
                         for status in expected_statuses]
        self.errors: list[str] = []
        self.outside: list[str] = []

    def console(self, message) -> None:
        if message.type != "error":
            return
        if message.text.startswith("Failed to load resource") and any(
                e in message.text for e in self.expected):
            return
        self.errors.append(message.text)

    def request(self, request) -> None:
        url = request.url
        if url.startswith(LOCAL_SCHEMES):
            return
        if self.allowed and url.startswith(self.allowed + "/"):
            return
        self.outside.append(url)


def _watched_page(browser, allowed_origin, request=None):
    context = browser.new_context(viewport={"width": 1440, "height": 960})
    page = context.new_page()
    marker = request.node.get_closest_marker("expect_http_errors") if request else None
    watch = PageWatch(allowed_origin, marker.args if marker else ())
    page.on("console", watch.console)
    page.on("pageerror", lambda exc: watch.errors.append(str(exc)))
    page.on("request", watch.request)
    return context, page, watch


@contextlib.contextmanager
def _app_page(browser, url, request):
    context, page, watch = _watched_page(browser, url, request)
    page.set_default_timeout(15_000)
    yield page
    context.close()
    assert watch.errors == [], f"console errors: {watch.errors}"
    assert watch.outside == [], f"requests outside the app: {watch.outside}"


@pytest.fixture
def page(browser, base_url, request):
    """A fresh page of the app; the test fails on console errors or outside requests."""
    with _app_page(browser, base_url, request) as page:
        yield page


@pytest.fixture
def zh_page(browser, zh_base_url, request):
    """A fresh page of the app serving the Chinese demo."""
    with _app_page(browser, zh_base_url, request) as page:
        yield page


@pytest.fixture
def offline_page(browser):
    """A page where every non-file request is aborted (and counted as a failure)."""
    context, page, watch = _watched_page(browser, None)

    def route(route):
        if route.request.url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", route)
    page.set_default_timeout(15_000)
    yield page
    context.close()
    assert watch.errors == [], f"console errors: {watch.errors}"
    assert watch.outside == [], f"requests outside the file: {watch.outside}"


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    """Where tests save screenshots: ``docs/screenshots/`` with ``POWERMAP_SCREENSHOTS=1``
    (to refresh the documentation), else a temporary folder (a test run changes no file)."""
    if os.environ.get("POWERMAP_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return SCREENSHOTS
    return tmp_path_factory.mktemp("screenshots")
