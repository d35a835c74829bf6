"""End to end in a real headless Chromium (Debian's package, driven by Playwright;
no browser download): ask the Europol question, watch the answer stream in, open
the sources panel, save a screenshot under tests/artifacts/."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from tests.test_app import running_app  # noqa: F401 - the fixture

pytestmark = pytest.mark.slow
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"


def test_europol_question_in_the_browser(running_app):  # noqa: F811
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "Debian's chromium is required: `make test` installs it (apt-get install chromium)"
    url, _ = running_app
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url)
        page.locator("#vraag textarea").fill("Wat is de Nederlandse positie over Europol?")
        page.locator("#verstuur").click()
        chat = page.locator("#chat")
        seen: list[int] = []
        deadline = time.time() + 60
        while time.time() < deadline:
            text = chat.inner_text()
            seen.append(len(text))
            if "extractief antwoord" in text:
                break
            time.sleep(0.05)
        text = chat.inner_text()
        assert "nationale zeggenschap" in text and "[1]" in text
        assert len(set(seen)) > 2, "the answer should arrive in pieces (streamed)"
        page.get_by_text("Bronnen", exact=True).click()
        panel = page.locator("#bronnen")
        panel.get_by_role("heading", name=re.compile("6. Toekomst van Europol")).wait_for(timeout=10_000)
        assert "kst-32317-995" in panel.inner_text()
        assert "p. 13–14" in panel.inner_text()
        assert panel.locator("mark").count() >= 1
        page.screenshot(path=str(ARTIFACTS / "app-europol.png"), full_page=True)
        browser.close()
    assert (ARTIFACTS / "app-europol.png").stat().st_size > 10_000
