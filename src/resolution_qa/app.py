"""Gradio chat: thin over Pipeline, which is loaded once at start-up and shared by sessions.

Each answer streams into the chat, its citation markers are links that bring the cited unit
into view in the sources panel (with the quoted words highlighted), and the whole resolution is
one tab away. The same answers are served as JSON at the `/ask` API endpoint.
"""

from __future__ import annotations

import html
import queue
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gradio as gr

from .answer import InputError, check_question, visible
from .followup import Turn, contextualize
from .pipeline import Pipeline
from .render import (
    UNSUPPORTED,
    count_html,
    documents_html,
    linked,
    sources_html,
)
from .settings import MODES
from .types import Answer, citation_marker
from .verify import split_sentences

EXAMPLES = [
    "What does the resolution say about the detained Court officials?",
    "How should States handle contacts with people subject to arrest warrants?",
    "What is asked of States about tracing and freezing assets?",
    "Is there support for relocating witnesses who are under threat?",
]

CSS = """
.rqa-source { border-left: 3px solid #8aa4c8; padding: 4px 10px; margin: 8px 0;
  border-radius: 4px; }
.rqa-source.rqa-focus, .rqa-doc .rqa-focus { border-left: 4px solid #1d4ed8;
  outline: 2px solid #1d4ed8; outline-offset: 2px; background: rgba(29,78,216,.07); }
.rqa-open { font-size: .85em; margin-left: .5em; color: #1d4ed8; }
.rqa-source mark { background: #fde68a; color: inherit; padding: 0 1px; }
.rqa-label { font-weight: 600; }
.rqa-why { font-size: .85em; opacity: .8; margin: 4px 0; }
.rqa-doc p { margin: 0 0 .6em 0; }
.rqa-doc .rqa-num { font-weight: 600; margin-right: .4em; }
.rqa-searched { font-size: .85em; opacity: .75; }
/* Citation markers look like what they are: links that open a source. */
a.rqa-cite, #rqa-chat a[href^="#src-"] { color: #1d4ed8 !important; background: #dbeafe;
  border-radius: 4px; padding: 0 4px; font-weight: 600; text-decoration: none !important;
  white-space: nowrap; }
a.rqa-cite:hover, #rqa-chat a[href^="#src-"]:hover { background: #bfdbfe; }
a.rqa-cite:focus-visible, #rqa-chat a[href^="#src-"]:focus-visible {
  outline: 2px solid #1d4ed8; outline-offset: 1px; }
/* Example questions are shown in full, wrapped. */
.rqa-example, .rqa-example * { white-space: normal !important; text-overflow: clip !important;
  overflow: visible !important; height: auto !important; text-align: left !important; }
/* The side column stays in view while the conversation scrolls. */
#rqa-side { position: sticky; top: 8px; align-self: flex-start; max-height: calc(100vh - 16px);
  overflow-y: auto; }
.rqa-marker { color: #1d4ed8; background: #dbeafe; border-radius: 4px; padding: 0 4px; }
.rqa-unsupported { text-decoration: underline wavy #b45309; background: #fef3c7; }
.rqa-flag { font-size: .8em; color: #b45309; font-weight: 600; }
#rqa-count { font-size: .8em; opacity: .75; text-align: right; margin-top: -6px; }
#rqa-count.rqa-over { color: #b91c1c; opacity: 1; font-weight: 600; }
"""

# A system font stack: the theme's bundled web font lacks glyphs in its semibold file, so some
# letters of headings and buttons came from another font; system fonts are complete offline.
FONTS = ("system-ui", "-apple-system", "Segoe UI", "Roboto", "Noto Sans", "Liberation Sans",
         "Helvetica Neue", "Arial", "sans-serif")
MONO = ("ui-monospace", "Consolas", "DejaVu Sans Mono", "Liberation Mono", "monospace")

# Citation links carry the unit id; a click scrolls its source card into view and marks it.
JS = """
() => {
  document.addEventListener('click', (ev) => {
    const a = ev.target.closest && ev.target.closest('a[href^="#src-"], a[href^="#doc-"]');
    if (!a) return;
    ev.preventDefault();
    ev.stopPropagation();
    const id = a.getAttribute('href').slice(1);
    const show = () => {
      const el = document.getElementById(id);
      if (!el) return false;
      document.querySelectorAll('.rqa-focus').forEach(e => e.classList.remove('rqa-focus'));
      el.classList.add('rqa-focus');
      const details = el.closest('details');
      if (details) details.open = true;
      el.scrollIntoView({behavior: 'smooth', block: 'center'});
      return true;
    };
    if (id.startsWith('doc-')) {
      // The paragraph lives in the Resolution tab: open it, then find the paragraph there.
      const tab = [...document.querySelectorAll('button[role="tab"]')]
        .find(b => b.textContent.trim() === 'Documents');
      if (tab) tab.click();
      let tries = 0;
      const timer = setInterval(() => { if (show() || ++tries > 40) clearInterval(timer); }, 50);
    } else {
      show();
    }
  }, true);
  // A live character count under the question box, red past the limit. Polled, as the app
  // also sets the box (an example, a cleared box) without an input event.
  setInterval(() => {
    const box = document.querySelector('#rqa-question textarea');
    const out = document.getElementById('rqa-count');
    if (!box || !out) return;
    const limit = Number(out.dataset.limit);
    const n = box.value.length;
    const text = `${n.toLocaleString('en')} / ${limit.toLocaleString('en')} characters`;
    if (out.textContent !== text) out.textContent = text;
    out.classList.toggle('rqa-over', n > limit);
  }, 200);
}
"""


@dataclass
class Session:
    """Per-browser-session conversation (Gradio keeps one per visitor)."""

    turns: list[Turn] = field(default_factory=list)
    key: str = field(default_factory=lambda: uuid.uuid4().hex)  # names its export file


def export_markdown(session: Session) -> str:
    lines = ["# resolution-qa conversation", ""]
    for turn in session.turns:
        a = turn.answer
        if a is None:  # a question that could not be asked
            continue
        lines += [f"## Q: {turn.question}", ""]
        if a.searched and a.searched != turn.question:
            lines += [f"_Searched for: {a.searched}_", ""]
        lines += [a.answer, ""]
        for c in a.citations:
            lines += [f"> {citation_marker(c.para, c.doc)}: “{c.quote}”", ""]
    return "\n".join(lines)


ALL = "All documents"
EXTRACTIVE = "extractive (quotes, no model)"
NO_SOURCES = "<p>No sources: this turn has no answer to cite.</p>"


def sentence(message: str) -> str:
    """A library message ("the question is empty: type ...") as a chat sentence."""
    text = message[:1].upper() + message[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def _streamed(pipeline: Pipeline, question: str, kwargs: dict[str, Any]
              ) -> Iterator[str | Answer]:
    """Run a generative ask in a thread; yield the chat text as the model writes it (finished
    sentences checked, an unsupported one marked), then the Answer."""
    updates: queue.Queue[tuple[str, list[tuple[str, bool]]] | Answer | BaseException] = \
        queue.Queue()

    def work() -> None:
        try:
            updates.put(pipeline.ask(question, on_text=lambda t, done: updates.put((t, done)),
                                     **kwargs))
        except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread
            updates.put(exc)

    threading.Thread(target=work, daemon=True).start()
    while True:
        item = updates.get()
        if isinstance(item, BaseException):
            raise item
        if isinstance(item, Answer):
            yield item
            return
        text, done = item
        shown = [html.escape(t, quote=False) if ok else
                 UNSUPPORTED.format(html.escape(t, quote=False)) for t, ok in done]
        parts = split_sentences(text)
        tail = parts[len(done)] if len(parts) > len(done) else ""
        yield " ".join([*shown, html.escape(tail, quote=False)]) + " ▌"


def build_app(pipeline: Pipeline, doc: str | None = None) -> gr.Blocks:
    units = {u.key: u for u in pipeline.units}
    ndocs = len(pipeline.docs)
    first = pipeline.units[0] if pipeline.units else None
    title = (f"resolution-qa · {first.doc} {first.doc_title}" if ndocs == 1 and first
             else f"resolution-qa · {ndocs} resolutions")
    export_dir = Path(tempfile.mkdtemp(prefix="rqa-export-"))
    limit = pipeline.settings.max_question_chars

    def respond(message: str, history: list[dict[str, Any]], session: Session, mode: str,
                top_k: float, scope: str = ALL, answerer: str = "") -> Iterator[tuple[Any, ...]]:
        history = list(history or [])
        message = message or ""
        if not message.strip():  # say so, rather than do nothing
            history.append({"role": "assistant",
                            "content": "Type a question about the resolution first."})
            yield history, session, "", NO_SOURCES, gr.update()
            return
        shown = visible(message)  # what is searched is what is shown: no reversing overrides
        history.append({"role": "user", "content": html.escape(
            shown[:500] + ("…" if len(shown) > 500 else ""), quote=False)})
        llm = "" if answerer in ("", EXTRACTIVE, None) else answerer
        try:
            clean, _ = check_question(message, limit)
            generator = pipeline.generator_for(llm)
            searched, root = contextualize(clean, session.turns)
            if generator is not None and searched != clean:  # a follow-up, rewritten
                prev = session.turns[-1]
                rewritten = generator.rewrite(clean, f"Q: {prev.question}\nA: "
                                              f"{prev.answer.answer if prev.answer else ''}")
                searched = rewritten or searched
            kwargs: dict[str, Any] = {"mode": mode, "top_k": int(top_k), "llm": llm,
                      "searched": searched if searched != clean else None,
                      "doc": None if scope in (ALL, "", None) else scope}
            if generator is None:
                answer = pipeline.ask(clean, **kwargs)
            else:  # the model's words as they come, each finished sentence checked
                history.append({"role": "assistant", "content": "…"})
                for partial in _streamed(pipeline, clean, kwargs):
                    if isinstance(partial, Answer):
                        answer = partial
                        break
                    history[-1] = {"role": "assistant", "content": partial}
                    yield history, session, "", gr.update(), gr.update()
                history.pop()
        except Exception as exc:  # noqa: BLE001 - the chat says what went wrong and stays up
            # The question stays in the box, so the asker can shorten or fix their own text,
            # and the thread breaks here: the next question is not read as its follow-up.
            if history and history[-1]["role"] == "assistant":
                history.pop()
            text = (sentence(str(exc)) if isinstance(exc, InputError | ValueError) else
                    f"Something went wrong answering this: {html.escape(str(exc)[:300])}. "
                    "Try again.")
            history.append({"role": "assistant", "content": f"⚠️ {text}"})
            session = Session(turns=[*session.turns, Turn(shown, None, shown)], key=session.key)
            yield history, session, message, NO_SOURCES, gr.update()
            return
        session = Session(turns=[*session.turns, Turn(clean, answer, root)], key=session.key)
        full = linked(answer, ndocs)
        note = ""
        if answer.searched and answer.searched != answer.question:
            note = (f'\n\n<span class="rqa-searched">Searched for: '
                    f"{html.escape(answer.searched)}</span>")
        for w in answer.warnings:
            note += f"\n\n_Note: {html.escape(w)}_"
        history.append({"role": "assistant", "content": ""})
        words = full.split(" ") if generator is None else []
        step = max(1, len(words) // 12)
        for i in range(step, len(words), step):
            history[-1] = {"role": "assistant", "content": " ".join(words[:i])}
            yield history, session, "", gr.update(), gr.update()
            time.sleep(0.02)
        history[-1] = {"role": "assistant", "content": full + note}
        path = export_dir / f"conversation-{session.key}.md"
        path.write_text(export_markdown(session), encoding="utf-8")
        yield (history, session, "", sources_html(answer, units, ndocs),
               gr.update(value=str(path), interactive=True))

    def clear() -> tuple[Any, ...]:
        return [], Session(), sources_html(None, units), gr.update(value=None,
                                                                   interactive=False)

    def ask(question: str, mode: str = "hybrid", top_k: int = 5, doc: str = "") -> dict[str, Any]:
        """Answer a question about the indexed resolutions (or one, by its symbol); returns
        the same JSON object as `resolution-qa ask --json`."""
        if mode not in MODES:
            raise gr.Error(f"mode must be one of {', '.join(MODES)}")
        try:
            return pipeline.ask(question, mode=mode, top_k=int(top_k), doc=doc or None).to_json()
        except InputError as exc:
            raise gr.Error(str(exc)) from None

    with gr.Blocks(title=title, analytics_enabled=False) as app:
        session = gr.State(Session())
        gr.Markdown(f"## {html.escape(title)}\nAsk about the resolution; every answer cites "
                    "the paragraphs it quotes. Click a marker such as [¶7] to see its source.")
        with gr.Tabs() as tabs:
            with gr.Tab("Chat", id="chat"):
                with gr.Row():
                    with gr.Column(scale=3):
                        # No label: a floating "Conversation" label covered the scrolled text.
                        chatbot = gr.Chatbot(show_label=False, height="52vh",
                                             elem_id="rqa-chat", feedback_options=None)
                        box = gr.Textbox(placeholder=f"Ask a question about the resolution "
                                                     f"(up to {limit:,} characters)",
                                         show_label=False, elem_id="rqa-question",
                                         max_lines=4)
                        gr.HTML(count_html(limit))
                        with gr.Row():
                            send = gr.Button("Ask", variant="primary", elem_id="rqa-send")
                            clear_btn = gr.Button("Clear conversation", elem_id="rqa-clear")
                            download = gr.DownloadButton("Export as Markdown", value=None,
                                                         interactive=False,
                                                         elem_id="rqa-export")
                        gr.Markdown("**Examples**")
                        with gr.Row(elem_id="rqa-examples"):
                            examples = [gr.Button(q, size="sm", elem_classes="rqa-example")
                                        for q in EXAMPLES]
                    with gr.Column(scale=2, elem_id="rqa-side"):
                        with gr.Row():
                            scope = gr.Dropdown([ALL, *pipeline.docs], value=doc or ALL,
                                                label="Ask within", elem_id="rqa-scope",
                                                interactive=ndocs > 1, scale=2)
                            mode = gr.Dropdown(list(MODES), value=pipeline.settings.mode,
                                               label="Retrieval mode", elem_id="rqa-mode",
                                               scale=1)
                            top_k = gr.Number(value=pipeline.settings.top_k, minimum=1,
                                              maximum=10, step=1, precision=0,
                                              label="Units retrieved", elem_id="rqa-topk",
                                              scale=1)
                        answerer = gr.Dropdown(
                            list(dict.fromkeys([EXTRACTIVE, *filter(None, [
                                pipeline.settings.llm])])),
                            value=pipeline.settings.llm or EXTRACTIVE, allow_custom_value=True,
                            label="Answerer (or type ollama:MODEL / openai:MODEL)",
                            elem_id="rqa-llm")
                        gr.Markdown("### Sources")
                        sources = gr.HTML(sources_html(None, units), elem_id="rqa-sources")
            with gr.Tab("Documents", id="documents"):
                with gr.Row():
                    back = gr.Button("← Back to the chat", size="sm", elem_id="rqa-back",
                                     scale=0, min_width=160)
                gr.HTML(documents_html(pipeline.units), elem_id="rqa-resolution")

        outputs = [chatbot, session, box, sources, download]
        inputs = [box, chatbot, session, mode, top_k, scope, answerer]
        box.submit(respond, inputs, outputs, api_name="chat")
        send.click(respond, inputs, outputs, api_visibility="private")
        for button, question in zip(examples, EXAMPLES, strict=True):
            button.click(lambda q=question: q, None, box, api_visibility="private")
        clear_btn.click(clear, None, [chatbot, session, sources, download],
                        api_visibility="private")
        back.click(lambda: gr.Tabs(selected="chat"), None, tabs, api_visibility="private")
        gr.api(ask, api_name="ask")
    return app


def launch(pipeline: Pipeline, host: str = "127.0.0.1", port: int = 7860,
           block: bool = True, doc: str | None = None) -> gr.Blocks:
    app = build_app(pipeline, doc)
    app.queue(default_concurrency_limit=4)
    app.launch(server_name=host, server_port=port, prevent_thread_lock=not block,
               quiet=True, css=CSS, js=JS, theme=gr.themes.Default(font=FONTS, font_mono=MONO),
               footer_links=["api"], show_error=True, ssr_mode=False)
    return app
