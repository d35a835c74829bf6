"""End to end in a real headless Chromium (Debian's package, driven by Playwright;
no browser download): ask the Europol question and watch it stream in with its
sources shown without a click, like the answer, upload a letter and pick it in the
filter without a restart, ask about an agenda item from the Letters tab, and open
the timeline. Screenshots go to tests/artifacts/ (the README shows them)."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from tests.conftest import LETTERS
from tests.test_app import running_app  # noqa: F401 - the fixture

pytestmark = pytest.mark.slow
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture
def page(running_app):  # noqa: F811
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "Debian's chromium is required: `make test` installs it (apt-get install chromium)"
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(running_app[0])
        yield page
        browser.close()


def _wait_for_answer(page, seen: list[int] | None = None, done: str = "antwoord") -> str:
    chat = page.locator("#chat")
    deadline = time.time() + 90
    while time.time() < deadline:
        text = chat.inner_text()
        if seen is not None:
            seen.append(len(text))
        if re.search(rf"{done}.*ms", text):
            return text
        time.sleep(0.05)
    raise AssertionError(f"no answer in time: {chat.inner_text()[:300]}")


def test_ask_see_sources_and_like_in_the_browser(page, running_app):  # noqa: F811
    _, store_dir = running_app
    page.locator("#vraag textarea").fill("Wat is de Nederlandse positie over Europol?")
    page.locator("#verstuur").click()
    seen: list[int] = []
    text = _wait_for_answer(page, seen)
    assert "nationale zeggenschap" in text and "[1]" in text
    assert len(set(seen)) > 2, "the answer should arrive in pieces (streamed)"
    # The sources stand under the answer and beside it, without a click.
    assert "Bronnen:" in text and "Toekomst van Europol" in text and "p. 13–14" in text
    panel = page.locator("#bronnen")
    assert panel.is_visible() and "kst-32317-995" in panel.inner_text()
    assert panel.locator("mark").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "app-europol.png"), full_page=True)

    feedback = Path(store_dir) / "feedback.jsonl"
    before = len(feedback.read_text(encoding="utf-8").splitlines()) if feedback.exists() else 0
    page.locator("#opmerking textarea").fill("Precies wat ik zocht")
    page.locator("#chat").get_by_role("button", name=re.compile("^like$", re.I)).last.click()
    deadline = time.time() + 20
    while time.time() < deadline and (not feedback.exists() or
                                      len(feedback.read_text(encoding="utf-8").splitlines()) == before):
        time.sleep(0.1)
    record = json.loads(feedback.read_text(encoding="utf-8").splitlines()[-1])
    assert record["rating"] == "up" and record["comment"] == "Precies wat ik zocht"
    assert record["question"] == "Wat is de Nederlandse positie over Europol?"
    assert record["citations"][0]["item_title"] == "Toekomst van Europol"


def test_upload_then_filter_agenda_and_timeline_in_the_browser(page):
    # Upload a letter; it is in the document filter at once, without a restart.
    page.get_by_role("tab", name="Brieven").click()
    page.locator("#upload input[type=file]").set_input_files(str(LETTERS / "ok01_besluitenlijst_2009-04-02.pdf"))
    page.locator("#indexeer").click()
    page.locator("#index-bericht").get_by_text(re.compile("Toegevoegd")).wait_for(timeout=120_000)
    assert "Toegevoegd: 1" in page.locator("#index-bericht").inner_text()

    # The agenda of the March 2026 letter; a click on an item asks about it.
    agenda = page.locator("#agenda")
    agenda.get_by_text("Toekomst van Europol").wait_for(timeout=10_000)
    page.screenshot(path=str(ARTIFACTS / "app-agenda.png"), full_page=True)
    agenda.get_by_text("Toekomst van Europol").click()
    text = _wait_for_answer(page)
    assert "Wat staat er in de brief over Toekomst van Europol?" in text and "[1]" in text

    page.get_by_text("Filters", exact=True).click()
    page.locator("#filter-documenten input").click()
    page.get_by_role("option", name=re.compile("ok01_besluitenlijst")).wait_for(timeout=10_000)

    # The timeline of a topic, letter by letter.
    page.get_by_role("tab", name="Tijdlijn").click()
    page.locator("#tijdlijn-onderwerp textarea").fill("Europol")
    page.locator("#tijdlijn-knop").click()
    page.locator("#tijdlijn").get_by_text(re.compile("kst-32317-995")).first.wait_for(timeout=60_000)
    assert "Standpunten over Europol" in page.locator("#tijdlijn").inner_text()
    page.screenshot(path=str(ARTIFACTS / "app-timeline.png"), full_page=True)
