"""The chat's HTML: answers with linked markers, source cards with the quoted words marked,
and the resolutions themselves, every anchor scoped by document (two resolutions both have a
¶7). All text from the index or the asker is escaped."""

from __future__ import annotations

import html
import re

from .span import ELLIPSIS
from .types import Answer, Unit, citation_marker, unit_key


def anchor(doc: str, unit_id: str, prefix: str = "src") -> str:
    """An HTML id for a unit, scoped by its document: two resolutions both have a ¶7."""
    return f"{prefix}-{re.sub(r'[^A-Za-z0-9]', '_', doc)}-{re.sub(r'[^A-Za-z0-9]', '_', unit_id)}"


UNSUPPORTED = ('<span class="rqa-unsupported" title="The cited text does not state this: check '
               'it">{}</span> <span class="rqa-flag">⚠️ not supported by the cited text</span>')


def linked(answer: Answer, docs: int = 1) -> str:
    """The answer as chat markdown, each citation marker a link to its source card, and each
    sentence the cited text does not support marked as such."""
    if all(s.supported for s in answer.sentences):
        text = html.escape(answer.answer, quote=False)
    else:
        text = " ".join(html.escape(s.text, quote=False) if s.supported
                        else UNSUPPORTED.format(html.escape(s.text, quote=False))
                        for s in answer.sentences)
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
