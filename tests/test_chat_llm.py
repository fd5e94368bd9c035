"""The chat with a model configured, in real headless Chromium against a loopback Ollama that
speaks the real /api/chat protocol: the answer streams in, an unsupported sentence is marked,
a follow-up is rewritten into a standalone question and shown, and the picker switches back to
the extractive answerer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import free_port
from resolution_qa.pipeline import Pipeline
from resolution_qa.settings import get_settings
from standins import StandIn

pytestmark = pytest.mark.browser

GOOD = ("Four Court officials were detained from 7 June to 2 July 2012 [¶7]. States Parties, "
        "other States and international organizations helped secure their release [¶7]. "
        "They were held in a military prison in Paris for three years [¶7].")


@pytest.fixture(scope="module")
def llm_chat(built_index: Path) -> Iterator[tuple[str, StandIn]]:
    from resolution_qa.app import launch

    standin = StandIn()
    pipeline = Pipeline(get_settings(index_dir=built_index, llm="ollama:scripted",
                                     llm_base_url=f"http://127.0.0.1:{standin.port}",
                                     llm_timeout=10), notice=lambda _m: None)
    port = free_port()
    app = launch(pipeline, port=port, block=False)
    yield f"http://127.0.0.1:{port}/", standin
    app.close()
    standin.close()


def test_streamed_checked_rewritten_and_switchable(browser, llm_chat, request) -> None:  # type: ignore[no-untyped-def]
    url, standin = llm_chat
    standin.play(answer=GOOD, delay=0.05,
                 rewrite="When were the Court officials detained, and from when to when?")
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("#rqa-question textarea")
    assert page.locator("#rqa-llm input").input_value() == "ollama:scripted"
    seen: list[str] = []
    page.expose_function("rqaSeen", lambda text: seen.append(text))
    page.evaluate("""() => {
        const chat = document.querySelector('#rqa-chat');
        new MutationObserver(() => window.rqaSeen(chat.innerText))
            .observe(chat, {subtree: true, childList: true, characterData: true});
    }""")
    box = page.locator("#rqa-question textarea")
    box.fill("What happened to the Court officials who were detained?")
    box.press("Enter")
    page.locator(".rqa-unsupported").first.wait_for(timeout=30_000)
    page.wait_for_function("() => document.querySelector('#rqa-sources').innerText"
                           ".includes('Operative paragraph 7')", timeout=30_000)
    assert any("▌" in s for s in seen)  # it streamed: the text arrived with a cursor
    flagged = page.locator(".rqa-unsupported").first.inner_text()
    assert "Paris" in flagged and "not supported" in page.locator("#rqa-chat").inner_text()
    assert "Four Court officials were detained" in page.locator("#rqa-chat").inner_text()
    if request.config.getoption("--screenshot"):
        page.screenshot(path=str(Path(__file__).resolve().parents[1] / "eval" / "reports"
                                 / "llm-answer.png"))

    box.fill("When were they held?")
    box.press("Enter")
    page.wait_for_function("() => document.querySelector('#rqa-chat').innerText.includes("
                           "'Searched for: When were the Court officials detained')",
                           timeout=30_000)
    assert any("Standalone question" in prompt for prompt in standin.script.seen)

    page.locator("#rqa-llm input").fill("extractive (quotes, no model)")
    page.locator("#rqa-llm input").press("Enter")
    asked = len(standin.script.seen)
    box.fill("Is there a fund for relocating witnesses?")
    box.press("Enter")
    page.wait_for_function("() => document.querySelector('#rqa-chat').innerText"
                           ".includes('Special Fund for Relocations')", timeout=30_000)
    assert len(standin.script.seen) == asked  # the model was not asked
    context.close()
