"""What a person sees, in real headless Chromium against the launched app."""

from __future__ import annotations

from pathlib import Path

import pytest

from resolution_qa.app import anchor

pytestmark = pytest.mark.browser

DOC = "ICC-ASP/11/Res.5"
SRC_7 = anchor(DOC, "7")
REPORT = Path(__file__).resolve().parents[1] / "eval" / "reports" / "chat.png"


@pytest.fixture
def page(browser, chat_url: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1300, "height": 950})
    pg = context.new_page()
    pg.goto(chat_url)
    pg.wait_for_selector("#rqa-question textarea")
    yield pg
    context.close()


def ask(page, question: str) -> None:  # type: ignore[no-untyped-def]
    box = page.locator("#rqa-question textarea")
    box.fill(question)
    box.press("Enter")


def bot_messages(page):  # type: ignore[no-untyped-def]
    return page.locator("#rqa-chat .bot, #rqa-chat [data-testid='bot']")


def test_answer_streams_cites_and_opens_its_source(page, request) -> None:  # type: ignore[no-untyped-def]
    ask(page, "What happened to the Court officials who were detained?")
    link = page.locator(f'#rqa-chat a[href="#{SRC_7}"]').first
    link.wait_for(timeout=30_000)
    assert "[¶7]" in link.inner_text()
    assert "The Assembly expresses serious concern" in page.locator("#rqa-chat").inner_text()

    link.click()
    card = page.locator(f"#{SRC_7}")
    page.wait_for_function(
        f"() => document.getElementById('{SRC_7}').classList.contains('rqa-focus')")
    assert card.is_visible()
    assert "detention of four officials" in card.locator("mark").first.inner_text()
    assert "Operative paragraph 7" in card.inner_text()

    ask(page, "And who helped secure their release?")
    page.wait_for_function(
        "() => document.querySelector('#rqa-chat').innerText.includes('Searched for:')",
        timeout=30_000)
    chat = page.locator("#rqa-chat").inner_text()
    assert chat.count("[¶7]") >= 2
    if request.config.getoption("--screenshot"):
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(REPORT))


def test_streaming_shows_partial_answer_first(page) -> None:  # type: ignore[no-untyped-def]
    seen: list[int] = []
    page.expose_function("rqaSeen", lambda n: seen.append(int(n)))
    page.evaluate("""() => {
        const chat = document.querySelector('#rqa-chat');
        new MutationObserver(() => window.rqaSeen(chat.innerText.length))
            .observe(chat, {subtree: true, childList: true, characterData: true});
    }""")
    ask(page, "What does the resolution ask about tracing and freezing assets?")
    page.locator('#rqa-chat a[href^="#src-"]').first.wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    assert len(set(seen)) >= 3  # the text grew in several steps, not in one


def test_script_in_a_question_is_shown_not_run(page) -> None:  # type: ignore[no-untyped-def]
    page.evaluate("() => { window.rqaPwned = false; }")
    ask(page, "<img src=x onerror=\"window.rqaPwned=true\"><script>window.rqaPwned=true"
              "</script> witnesses?")
    page.wait_for_function(
        "() => document.querySelector('#rqa-chat').innerText.includes('onerror')",
        timeout=30_000)
    page.wait_for_timeout(500)
    assert page.evaluate("() => window.rqaPwned") is False


def test_refusal_and_resolution_tab(page) -> None:  # type: ignore[no-untyped-def]
    ask(page, "What is the Court's budget for next year?")
    page.wait_for_function(
        "() => document.querySelector('#rqa-sources').innerText.includes('No sources')",
        timeout=30_000)
    assert "does not address" in page.locator("#rqa-chat").inner_text()

    page.get_by_role("tab", name="Documents").click()
    doc = page.locator("#rqa-resolution")
    doc.wait_for()
    assert doc.locator("#" + anchor(DOC, "PP2", "doc")).inner_text().startswith("Determined")
    assert "Expresses serious concern" in doc.locator("#" + anchor(DOC, "7", "doc")).inner_text()
    assert "ICC-ASP/11/21, para. 80." in doc.locator("#" + anchor(DOC, "fn1", "doc")).inner_text()
    assert "by consensus" in doc.locator("#" + anchor(DOC, "title", "doc")).inner_text()


def test_clear_and_export(page) -> None:  # type: ignore[no-untyped-def]
    ask(page, "Is there a fund for relocating witnesses?")
    page.locator('#rqa-chat a[href^="#src-"]').first.wait_for(timeout=30_000)
    export = page.locator("#rqa-export")
    page.wait_for_function(
        "() => !document.querySelector('#rqa-export').hasAttribute('disabled') && "
        "!document.querySelector('#rqa-export button')?.hasAttribute('disabled')")
    with page.expect_download() as info:
        export.click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert "## Q: Is there a fund for relocating witnesses?" in text
    assert "[¶18]" in text and "Special Fund for Relocations" in text
    page.locator("#rqa-clear").click()
    page.wait_for_function(
        "() => !document.querySelector('#rqa-chat').innerText.includes('Special Fund')")


def test_source_opens_the_paragraph_in_the_resolution_tab(page) -> None:  # type: ignore[no-untyped-def]
    ask(page, "Should States avoid contacts with people wanted by the Court?")
    page.locator('#rqa-sources a.rqa-open').first.wait_for(timeout=30_000)
    target = page.locator('#rqa-sources a.rqa-open').first.get_attribute("href")
    assert target and target.startswith("#doc-")
    page.locator('#rqa-sources a.rqa-open').first.click()
    para = page.locator(target)
    para.wait_for(state="visible", timeout=10_000)
    page.wait_for_function(
        f"() => document.querySelector('{target}').classList.contains('rqa-focus')")
    assert page.get_by_role("tab", name="Documents").get_attribute("aria-selected") == "true"


@pytest.fixture(scope="module")
def multi_url(multi):  # type: ignore[no-untyped-def]
    from conftest import free_port
    from resolution_qa.app import launch

    port = free_port()
    app = launch(multi, port=port, block=False)
    yield f"http://127.0.0.1:{port}/"
    app.close()


def test_several_documents_scope_markers_and_the_documents_tab(browser, multi_url) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1300, "height": 950})
    page = context.new_page()
    page.goto(multi_url)
    page.wait_for_selector("#rqa-question textarea")
    page.locator("#rqa-scope input").click()
    page.get_by_role("option", name="ICC-ASP/16/Res.3").click()
    ask(page, "How many weeks does the nomination period last?")
    target = anchor("ICC-ASP/16/Res.3", "7")
    link = page.locator(f'#rqa-chat a[href="#{target}"]').first
    link.wait_for(timeout=30_000)
    assert "[ICC-ASP/16/Res.3 ¶7]" in link.inner_text()  # several documents: named
    card = page.locator(f"#{target}")
    assert "ICC-ASP/16/Res.3" in card.inner_text() and "II. Nomination period" in card.inner_text()
    card.locator("a.rqa-open").click()
    page.wait_for_function(
        f"() => document.getElementById('{anchor('ICC-ASP/16/Res.3', '7', 'doc')}')"
        ".classList.contains('rqa-focus')", timeout=10_000)
    listing = page.locator("#rqa-resolution summary")
    assert listing.count() == 7
    assert "ICC-ASP/16/Res.3" in page.locator("details[open] summary").first.inner_text()
    context.close()


def test_bad_input_says_so_keeps_the_text_and_clears_old_sources(page) -> None:  # type: ignore[no-untyped-def]
    ask(page, "What happened to the Court officials who were detained?")
    page.locator(f"#{SRC_7}").wait_for(timeout=30_000)  # sources of a real answer

    long_question = "Why does the Assembly care about witnesses? " * 60  # over 2,000 characters
    ask(page, long_question)
    page.wait_for_function(
        "() => document.querySelector('#rqa-chat').innerText.includes('The question is')",
        timeout=30_000)
    assert page.locator("#rqa-question textarea").input_value().strip() == long_question.strip()
    assert "No sources" in page.locator("#rqa-sources").inner_text()
    assert page.locator(f"#{SRC_7}").count() == 0  # the previous answer's card is gone

    page.locator("#rqa-question textarea").fill("   ")
    page.locator("#rqa-send").click()
    page.wait_for_function(
        "() => document.querySelector('#rqa-chat').innerText.includes('Type a question')",
        timeout=30_000)
