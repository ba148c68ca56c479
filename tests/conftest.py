import os
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

# Debian's Chromium, driven by Playwright for Python (never a browser Playwright downloads).
CHROMIUM = Path(os.environ.get("WORDVEC_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",  # the network is closed: no background requests
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def isolated_cache(tmp_path, monkeypatch):
    """A private, empty corpus cache directory."""
    monkeypatch.setenv("WORDVEC_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def playwright_sync_api():
    """Playwright's sync API, or a skip that says what is missing."""
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    reason = 'Playwright for Python is not installed (pip install -e ".[dev]")'
    return pytest.importorskip("playwright.sync_api", reason=reason)


@pytest.fixture(scope="module")
def chromium():
    """A headless Chromium browser for the module's tests; skipped when it cannot start."""
    sync_api = playwright_sync_api()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()
