"""Gradio chat: thin over Pipeline, which is loaded once at start-up and shared by sessions.

Each answer streams into the chat, its citation markers are links that bring the cited unit
into view in the sources panel (with the quoted words highlighted), and the whole resolution is
one tab away. The same answers are served as JSON at the `/ask` API endpoint.
"""

from __future__ import annotations

import html
import re
import tempfile
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
from .settings import MODES
from .span import ELLIPSIS
from .types import Answer, Unit, citation_marker, unit_key

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


def anchor(doc: str, unit_id: str, prefix: str = "src") -> str:
    """An HTML id for a unit, scoped by its document: two resolutions both have a ¶7."""
    return f"{prefix}-{re.sub(r'[^A-Za-z0-9]', '_', doc)}-{re.sub(r'[^A-Za-z0-9]', '_', unit_id)}"


def linked(answer: Answer, docs: int = 1) -> str:
    """The answer as chat markdown, each citation marker a link to its source card."""
    text = html.escape(answer.answer, quote=False)
    for c in answer.citations:
        marker = citation_marker(c.para, c.doc if docs > 1 else None)
        text = text.replace(marker, f"[{marker}](#{anchor(c.doc, c.para)})")
    return text


def highlight(unit: Unit, quote: str) -> str:
    """The unit's text, escaped, with each quoted piece wrapped in <mark>."""
    out = html.escape(unit.text, quote=False)
    for piece in quote.split(ELLIPSIS):
        esc = html.escape(piece, quote=False)
        if esc and esc in out:
            out = out.replace(esc, f"<mark>{esc}</mark>", 1)
    return out


def card_label(unit: Unit, docs: int) -> str:
    return (f'<span class="rqa-marker">{html.escape(unit.marker_in(docs))}</span> '
            f"{html.escape(unit.label)} · {html.escape(unit.doc)} ({html.escape(unit.doc_title)})")


def open_link(unit: Unit) -> str:
    """A link to the unit's paragraph in the Documents tab (a sub-paragraph opens its parent)."""
    return (f'<a class="rqa-open" href="#{anchor(unit.doc, unit.parent or unit.id, "doc")}">'
            "open in the resolution</a>")


def count_html(limit: int) -> str:
    """The character count under the question box (the page's script keeps it live)."""
    return f'<div id="rqa-count" data-limit="{limit}">0 / {limit:,} characters</div>'


def sources_html(answer: Answer | None, units: dict[str, Unit], docs: int = 1) -> str:
    if answer is None:
        return "<p>Sources of the latest answer appear here.</p>"
    if not answer.grounded:
        return "<p>No sources: the resolution does not address this question.</p>"
    parts = []
    cited = set()
    for c in answer.citations:
        unit = units.get(unit_key(c.doc, c.para))
        if unit is None:
            continue
        cited.add(unit.key)
        parts.append(f'<div class="rqa-source" id="{anchor(c.doc, c.para)}">'
                     f'<div class="rqa-label">{card_label(unit, docs)}{open_link(unit)}</div>'
                     f"<div>{highlight(unit, c.quote)}</div></div>")
    others = [(rank, h) for rank, h in enumerate(answer.retrieved, 1)
              if h.unit.key not in cited]
    if others:
        items = "".join(
            f'<div class="rqa-source" id="{anchor(h.unit.doc, h.unit.id)}">'
            f'<div class="rqa-label">{card_label(h.unit, docs)}'
            f' <span class="rqa-why" title="hybrid relevance score {h.score:.3f}">'
            f"· search rank {rank} of {len(answer.retrieved)}</span>{open_link(h.unit)}</div>"
            f"<div>{html.escape(h.unit.text)}</div></div>" for rank, h in others)
        parts.append(f"<details><summary>Other retrieved units ({len(others)})</summary>"
                     '<p class="rqa-why">The search also found these, ranked by relevance to '
                     "the question, but the answer does not quote them.</p>"
                     f"{items}</details>")
    return "".join(parts)


def resolution_html(units: list[Unit]) -> str:
    """One resolution as a document, each paragraph anchored (#doc-<symbol>-7); a
    sub-paragraph is read, and linked to, inside its paragraph."""
    out = ['<div class="rqa-doc">']
    section = ""
    for u in units:
        if u.parent:
            continue
        text = html.escape(u.text, quote=False)
        here = anchor(u.doc, u.id, "doc")
        if u.section and u.section != section and u.kind != "footnote":
            out.append(f"<h4>{html.escape(u.section)}</h4>")
        section = u.section
        fn = "".join(f'<sup><a href="#{anchor(u.doc, f, "doc")}">{f[2:]}</a></sup>'
                     for f in u.links if f.startswith("fn"))
        if u.kind == "title":
            out.append(f'<h3 id="{here}">{text}</h3>')
            out.append("<p><em>The Assembly of States Parties,</em></p>")
        elif u.kind == "preambular":
            first, _, rest = text.partition(" ")
            out.append(f'<p id="{here}"><em>{first}</em> {rest}{fn} '
                       f'<small>[{u.id}]</small></p>')
        elif u.kind in ("operative", "annex"):
            out.append(f'<p id="{here}"><span class="rqa-num">{html.escape(u.id)}.</span>'
                       f"{text}{fn}</p>")
        else:
            out.append(f'<hr><p id="{here}"><small>{u.id[2:]} {text}'
                       "</small></p>")
    out.append("</div>")
    return "".join(out)


def documents_html(units: list[Unit]) -> str:
    """Every indexed resolution, listed, each opening to its full text."""
    docs = list(dict.fromkeys(u.doc for u in units))
    out = []
    for d in docs:
        mine = [u for u in units if u.doc == d]
        out.append(f'<details class="rqa-document" id="{anchor(d, "all", "document")}"'
                   f'{" open" if len(docs) == 1 else ""}><summary><b>{html.escape(d)}</b> '
                   f"{html.escape(mine[0].doc_title)} · {sum(not u.parent for u in mine)} units"
                   f"</summary>{resolution_html(mine)}</details>")
    return "".join(out)


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
NO_SOURCES = "<p>No sources: this turn has no answer to cite.</p>"


def sentence(message: str) -> str:
    """A library message ("the question is empty: type ...") as a chat sentence."""
    text = message[:1].upper() + message[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def build_app(pipeline: Pipeline, doc: str | None = None) -> gr.Blocks:
    units = {u.key: u for u in pipeline.units}
    ndocs = len(pipeline.docs)
    first = pipeline.units[0] if pipeline.units else None
    title = (f"resolution-qa · {first.doc} {first.doc_title}" if ndocs == 1 and first
             else f"resolution-qa · {ndocs} resolutions")
    export_dir = Path(tempfile.mkdtemp(prefix="rqa-export-"))
    limit = pipeline.settings.max_question_chars

    def respond(message: str, history: list[dict[str, Any]], session: Session, mode: str,
                top_k: float, scope: str = ALL) -> Iterator[tuple[Any, ...]]:
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
        try:
            clean, _ = check_question(message, limit)
            searched, root = contextualize(clean, session.turns)
            answer = pipeline.ask(clean, mode=mode, top_k=int(top_k),
                                  searched=searched if searched != clean else None,
                                  doc=None if scope in (ALL, "", None) else scope)
        except Exception as exc:  # noqa: BLE001 - the chat says what went wrong and stays up
            # The question stays in the box, so the asker can shorten or fix their own text,
            # and the thread breaks here: the next question is not read as its follow-up.
            text = (sentence(str(exc)) if isinstance(exc, InputError) else
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
        words = full.split(" ")
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
                        gr.Markdown("### Sources")
                        sources = gr.HTML(sources_html(None, units), elem_id="rqa-sources")
            with gr.Tab("Documents", id="documents"):
                with gr.Row():
                    back = gr.Button("← Back to the chat", size="sm", elem_id="rqa-back",
                                     scale=0, min_width=160)
                gr.HTML(documents_html(pipeline.units), elem_id="rqa-resolution")

        outputs = [chatbot, session, box, sources, download]
        inputs = [box, chatbot, session, mode, top_k, scope]
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
