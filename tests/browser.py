"""Start the web app on a free port over a temporary store, and drive Debian's chromium with playwright."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, free_port

WAIT_MS = 60_000  # how long a page may take to answer: a cold-started app on a busy two-core machine can
# take several seconds for its first answers; a bound on waiting, not a measure of speed

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1440, "height": 900}
START_TIMEOUT = 120


def wait_until_up(url: str, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(process.stdout.read().decode(errors="replace")[-2000:])
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the web app did not answer at {url} within {START_TIMEOUT} s")


def start_app(home: Path, extra_env: dict | None = None, port: int | None = None) -> tuple[subprocess.Popen, str]:
    """`jixiao serve` as a user starts it, on the hash embedder, offline and without a model endpoint."""
    port = port or free_port()
    env = {**os.environ, "JIXIAO_HOME": str(home), "JIXIAO_EMBEDDINGS": "hash", "HF_HUB_OFFLINE": "1",
           "GRADIO_ANALYTICS_ENABLED": "False", **(extra_env or {})}
    env.pop("OPENAI_API_KEY", None)
    env.pop("OPENAI_BASE_URL", None)
    process = subprocess.Popen([str(Path(sys.executable).parent / "jixiao"), "serve", "--port", str(port)], env=env,
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
    except RuntimeError:
        process.kill()
        raise
    return process, url


def stop_app(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    process, url = start_app(tmp_path_factory.mktemp("web-home"))
    yield url
    stop_app(process)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: make test installs it with apt-get (chromium fonts-wqy-zenhei)")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=WAIT_MS)  # assertions wait as long as actions do
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def new_page(browser, url: str, locale: str = "zh-CN"):
    """A page at 1440×900 in a fresh browser profile (its own localStorage, so its own user)."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True, locale=locale)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.goto(url)
    return page


@pytest.fixture
def page(browser, app_url):
    page = new_page(browser, app_url)
    yield page
    page.context.close()


def screenshot(page, name: str, full_page: bool = False) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
