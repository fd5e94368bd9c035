"""What a person sees, in real headless Chromium against the launched app."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from resolution_qa.render import anchor

pytestmark = pytest.mark.browser

DOC = "ICC-ASP/11/Res.5"
SRC_7 = anchor(DOC, "7")
REPORTS = Path(__file__).resolve().parents[1] / "eval" / "reports"


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


def test_answer_streams_cites_and_opens_its_source(page) -> None:  # type: ignore[no-untyped-def]
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

    ask(page, "When were they held?")
    page.wait_for_function(
        "() => document.querySelector('#rqa-chat').innerText.includes('Searched for:')",
        timeout=30_000)
    chat = page.locator("#rqa-chat").inner_text()
    assert chat.count("[¶7]") >= 2


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


# Issue 16: what an afternoon's use ran into, each checked as a person sees it.
def last_bot(page) -> str:  # type: ignore[no-untyped-def]
    return page.locator("#rqa-chat .bot, #rqa-chat [data-testid='bot']").last.inner_text()


def wait_for_bots(page, n: int) -> None:  # type: ignore[no-untyped-def]
    """Until the n-th answer has arrived and stopped streaming."""
    bots = page.locator("#rqa-chat .bot, #rqa-chat [data-testid='bot']")
    page.wait_for_function(
        "(n) => document.querySelectorAll(\"#rqa-chat .bot, #rqa-chat [data-testid='bot']\")"
        ".length >= n", arg=n, timeout=30_000)
    seen, same = "", 0
    while same < 3:
        page.wait_for_timeout(250)
        now = bots.last.inner_text()
        same = same + 1 if now == seen and now else 0
        seen = now


def shot(request, page, name: str) -> None:  # type: ignore[no-untyped-def]
    if request.config.getoption("--screenshot"):
        REPORTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(REPORTS / name))


def test_follow_ups_stay_on_track(page, request) -> None:  # type: ignore[no-untyped-def]
    root = "What happened to the Court officials who were detained?"
    ask(page, root)
    wait_for_bots(page, 1)
    shot(request, page, "answer.png")
    ask(page, "When were they held?")
    wait_for_bots(page, 2)
    follow = last_bot(page)
    assert f"Searched for: {root} When were they held?" in follow
    assert "7 June to 2 July 2012" in follow and "securing their release" not in follow
    shot(request, page, "follow-up.png")
    ask(page, "And why?")  # leans on the root, not on root + the last follow-up
    wait_for_bots(page, 3)
    assert f"Searched for: {root} And why?" in last_bot(page)
    ask(page, "what is paragraph 3")  # names its own paragraph: searched alone
    wait_for_bots(page, 4)
    assert "Searched for" not in last_bot(page) and "[¶3]" in last_bot(page)
    ask(page, "?!?!")
    wait_for_bots(page, 5)
    assert "no words" in last_bot(page)
    ask(page, "When were they held?")  # after a rejected turn there is nothing to lean on
    wait_for_bots(page, 6)
    assert "Searched for" not in last_bot(page)


def test_the_highlight_is_the_clause_that_answers(page) -> None:  # type: ignore[no-untyped-def]
    ask(page, "How long were the officials detained?")
    page.locator(f"#{SRC_7} mark").first.wait_for(timeout=30_000)
    marked = " ".join(page.locator(f"#{SRC_7} mark").all_inner_texts())
    assert "7 June to 2 July 2012" in marked and "release" not in marked
    assert "securing their release" in page.locator(f"#{SRC_7}").inner_text()  # all of it there


def test_a_quote_cut_short_ends_cleanly(page) -> None:  # type: ignore[no-untyped-def]
    example = "What is asked of States about tracing and freezing assets?"
    page.get_by_role("button", name=example).click()
    # the example fills the box through the server: send once it is there
    page.wait_for_function("t => document.querySelector('#rqa-question textarea').value === t",
                           arg=example)
    page.locator("#rqa-send").click()
    wait_for_bots(page, 1)
    text = last_bot(page)
    assert "[¶" in text
    assert not re.search(r"\b(and|or|of|the|to|with|by|for)\s*\[¶", text), text


def test_too_long_question_is_counted_and_kept(page) -> None:  # type: ignore[no-untyped-def]
    counter = page.locator("#rqa-count")
    assert counter.inner_text() == "0 / 2,000 characters"
    text = "Why does the Assembly care about witnesses? " * 60
    page.locator("#rqa-question textarea").fill(text)
    page.wait_for_function("() => document.querySelector('#rqa-count').innerText"
                           f".startsWith('{len(text):,} / 2,000')")
    assert "rqa-over" in (counter.get_attribute("class") or "")
    page.locator("#rqa-question textarea").press("Enter")
    wait_for_bots(page, 1)
    assert last_bot(page).startswith("⚠️ The question is")
    assert last_bot(page).rstrip().endswith(".")
    assert page.locator("#rqa-question textarea").input_value() == text


def test_format_characters_are_not_shown(page) -> None:  # type: ignore[no-untyped-def]
    ask(page, "What happened to the Court officials who were detained?")
    wait_for_bots(page, 1)
    ask(page, "\u202ewhen were they\u200b held?")
    wait_for_bots(page, 2)
    chat = page.locator("#rqa-chat").inner_text()
    assert "\u202e" not in chat and "\u200b" not in chat
    assert "when were they held?" in chat  # the bubble shows what was searched
    assert "Searched for: What happened to the Court officials who were detained? when were " \
           "they held?" in chat


def test_markers_look_clickable_and_every_card_opens_the_resolution(page) -> None:  # type: ignore[no-untyped-def]
    ask(page, "What happened to the Court officials who were detained?")
    link = page.locator(f'#rqa-chat a[href="#{SRC_7}"]').first
    link.wait_for(timeout=30_000)
    style = link.evaluate("a => { const s = getComputedStyle(a), p = getComputedStyle("
                          "a.parentElement); return [s.color, p.color, s.backgroundColor]; }")
    assert style[0] != style[1]  # not the colour of the text around it
    assert style[2] not in ("rgba(0, 0, 0, 0)", "transparent")  # a badge
    link.click()
    page.wait_for_function(
        f"() => document.getElementById('{SRC_7}').classList.contains('rqa-focus')")
    assert page.locator(f"#{SRC_7}").evaluate("e => getComputedStyle(e).outlineStyle") != "none"
    page.locator("#rqa-sources summary").click()
    others = page.locator("#rqa-sources details .rqa-source")
    assert others.count() >= 1
    for i in range(others.count()):
        card = others.nth(i)
        assert card.locator("a.rqa-open").count() == 1
        assert re.match(r"\[(¶|PP|title|fn)", card.inner_text())
        assert not re.search(r"score \d\.\d{3}", card.inner_text())  # no unexplained numbers
    assert "ranked by relevance" in page.locator("#rqa-sources details").inner_text()


def test_headings_and_buttons_use_one_complete_font(page) -> None:  # type: ignore[no-untyped-def]
    for selector in ("#rqa-send", "h2", "#rqa-chat"):
        family = page.locator(selector).first.evaluate("e => getComputedStyle(e).fontFamily")
        assert family.startswith("system-ui"), (selector, family)
    bundled = page.evaluate("() => [...document.fonts].filter(f => f.status === 'loaded')"
                            ".map(f => f.family)")
    assert not any("Source Sans" in f for f in bundled)


def test_layout_fits_the_screen(browser, chat_url) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.goto(chat_url)
    pg.wait_for_selector("#rqa-question textarea")
    from resolution_qa.app import EXAMPLES

    for example in EXAMPLES:  # shown whole, not cut off with "…"
        button = pg.get_by_role("button", name=example)
        assert button.inner_text() == example
        assert button.evaluate("b => b.scrollWidth <= b.clientWidth + 1 && "
                               "b.scrollHeight <= b.clientHeight + 1")
    for selector in ("#rqa-mode", "#rqa-topk", "#rqa-scope"):  # settings above the fold
        box = pg.locator(selector).bounding_box()
        assert box is not None and box["y"] + box["height"] <= 900
    assert "Conversation" not in pg.locator("#rqa-chat").inner_text()
    assert pg.locator("#rqa-chat label").count() == 0  # no label floating over the text
    pg.set_viewport_size({"width": 1400, "height": 600})
    ask(pg, "What happened to the Court officials who were detained?")
    pg.locator(f"#{SRC_7}").wait_for(timeout=30_000)
    pg.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    pg.wait_for_timeout(300)
    side = pg.locator("#rqa-side").bounding_box()
    assert side is not None  # the sources stay (mostly) in view
    assert min(side["y"] + side["height"], 600) - max(side["y"], 0) >= 0.7 * side["height"]
    pg.get_by_role("tab", name="Documents").click()
    pg.locator("#rqa-back").click()
    pg.wait_for_function("() => [...document.querySelectorAll('button[role=\"tab\"]')]"
                         ".find(b => b.textContent.trim() === 'Chat')"
                         ".getAttribute('aria-selected') === 'true'")
    context.close()


def test_screenshots_of_citation_and_documents(page, request) -> None:  # type: ignore[no-untyped-def]
    ask(page, "How long were the officials detained?")
    link = page.locator(f'#rqa-chat a[href="#{SRC_7}"]').first
    link.wait_for(timeout=30_000)
    link.click()
    page.wait_for_function(
        f"() => document.getElementById('{SRC_7}').classList.contains('rqa-focus')")
    shot(request, page, "citation.png")
    page.locator(f"#{SRC_7} a.rqa-open").click()
    target = anchor(DOC, "7", "doc")
    page.wait_for_function(
        f"() => document.getElementById('{target}').classList.contains('rqa-focus')")
    assert page.locator(f"#{target}").is_visible()
    page.wait_for_timeout(800)  # the smooth scroll ends
    shot(request, page, "documents.png")
