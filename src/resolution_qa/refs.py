"""What a question says about where its answer is: a paragraph it names ("paragraph 7",
"the last preambular paragraph", "footnote 2"), or a part of the resolution it asks about
(the preamble, the title block, the units that cite documents or articles).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from .corpus import ORDINALS, SYMBOL, ordinal
from .types import Unit

# Explicit references: "paragraph 7", "para. 7", "¶7", "op 7", "preambular paragraph 2", "PP2",
# "footnote 1". A reader who names a paragraph wants that paragraph first.
_REF_OP = re.compile(r"(?:operative\s+)?(?:paragraph|para\.?|¶|op\.?)\s*(\d{1,3})\b", re.I)
_REF_PP = re.compile(r"\b(?:preambular\s+(?:paragraph|para\.?)\s*|pp\s?)(\d{1,2})\b", re.I)
_REF_FN = re.compile(r"\b(?:footnote|fn)\s*(\d{1,2})\b", re.I)
# "paragraph 15 of ICC-ASP/10/Res.2", "paragraph 80 of the Bureau's report": a paragraph of
# another document, which no unit here is. "of the resolution", "of this text" stay ours.
_OWN = r"(?:this|the|our|that)\s+(?!(?:previous|earlier|last|prior|other)\b)(?:[a-z]+\s+)?" \
       r"(?:resolution|text|document)\b"
_ELSEWHERE = re.compile(
    rf"\s*(?:\(\w\)\s*)?(?:(?:(?:of|in|from)\s+)?({SYMBOL.pattern})|(?:of|in|from)\s+"
    rf"(?!{_OWN})(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?(?:report|resolution|decision|statute|"
    r"agreement|declaration|document|plan|convention)s?\b)", re.I)


_REF_ORDINAL = re.compile(
    rf"\b(?:the\s+)?({'|'.join(ORDINALS)}|\d{{1,2}}(?:st|nd|rd|th))\s+"
    r"(operative|preambular)\s+(?:paragraph|para)", re.I)
_REF_THE_FN = re.compile(r"\bthe\s+((only|lone|single|sole|one)\s+)?foot-?note\b(?!\s*\d)", re.I)
_REF_LAST = re.compile(r"\b(?:the\s+)?(?:very\s+)?(?:last|final|closing)\s+"
                       r"(?:(operative|preambular)\s+)?(?:paragraph|para)\b", re.I)
# Words that say which part of a resolution the reader means.
KIND_HINTS = {
    "preambular": re.compile(r"\b(preamble|preambular|introductory|intro|introduction|recitals?|"
                             r"at the (very )?"
                             r"(start|beginning|outset)"
                             r"|opening (paragraphs?|paras?|part|section|lines))\b",
                             re.I),
    # "Where does the quoted line come from?": the note that gives a quotation's source.
    "footnote": re.compile(r"\bfoot-?notes?\b|\bnote at the (bottom|foot)\b"
                           r"|\b(source|reference|citation|document)\b[^?]{0,60}\b(quot\w*|"
                           r"passage|statement|line|acknowledg\w*)\b"
                           r"|\b(quot\w*|passage|line)\b[^?]{0,60}\b(source|come[sd]? from|"
                           r"taken from|drawn from|reference|document)\b", re.I),
    # Questions about the resolution as a document: when, how and under what symbol adopted.
    "title": re.compile(r"\b(adopted|adoption|symbol|consensus|voted?|voting|authors?|"
                        r"title[ds]?|entitled|heading|headline|"
                        r"authored|issued|issuing|(document|official|reference) number"
                        r"|(resolution|document|text) (is )?(called|named|known as)"
                        # "On what date did the Assembly welcome ...?": the text's own date
                        r"|(on|at) (what|which) (date|day) (did|was|were) (the |this )?"
                        r"(assembly|resolution|text|it))\b",
                        re.I),
}
# "Which articles of the Statute does it cite?": the units that cite articles or parts answer it.
ASKS_ARTICLES = re.compile(r"\b(articles?|parts?|provisions?)\b.*\b(cite[sd]?|citing|"
                            r"refer(s|red)?|mention(s|ed)?|invoke[sd]?|quote[sd]?)\b"
                            r"|\bwhich (articles?|parts?|provisions?) of\b", re.I)
# "What is the resolution called?", "its official symbol": words that ask for the title, which
# would match "calls upon" and "officials" in the paragraphs; the lexical side drops them.
NAMING = re.compile(r"\b(resolution|document|text|it|this)('s|’s| is| was)?\s+(called|named|"
                     r"known as)\b|\bofficial\s+(?=((document|reference)\s+)?(symbol|title|name|"
                     r"number)s?\b)", re.I)
CITES_ARTICLE = re.compile(r"\b(article|part)\s+\d+", re.I)
# "Which earlier resolutions does the text cite?": the units that cite documents answer it.
ASKS_CITED = re.compile(r"\b(resolutions?|documents?|reports?|symbols?|texts?|instruments?)\b"
                        r".*\b(cite[sd]?|citing|refer(s|red)?|recall(s|ed)?|mention(s|ed)?)\b"
                        r"|\b(previous|earlier|prior|past)\s+(\w+\s+){0,4}?"
                        r"(resolutions?|documents?|reports?|texts?|decisions?)\b", re.I)


def last_paragraphs(units: Sequence[Unit], doc: str | None = None) -> dict[str, str]:
    """Ids of the last operative and preambular paragraphs, for "the last paragraph", and of
    the footnote of a document that has one only, for "the footnote": of `doc`, or of the only
    document ({} when there are several and none is named)."""
    docs = {u.doc for u in units}
    if doc is None and len(docs) != 1:
        return {}
    doc = doc or next(iter(docs))
    mine = [u for u in units if u.doc == doc and not u.parent]
    last: dict[str, str] = {}
    notes = [u.id for u in mine if u.kind == "footnote"]
    if len(notes) == 1:
        last["footnote"] = notes[0]
    for kind in ("operative", "preambular"):
        ids = [u.id for u in mine if u.kind == kind]
        if ids:
            last[kind] = ids[-1]
    return last


def explicit_refs(question: str, last: Mapping[str, str] | None = None,
                  docs: Collection[str] = ()) -> list[str]:
    """Unit ids the question names outright, in the order named; `last` resolves "the last
    (operative|preambular) paragraph" (see last_paragraphs). A paragraph "of" another document
    is not one of ours, unless that document is one of `docs`."""
    def elsewhere(end: int) -> bool:
        other = _ELSEWHERE.match(question, end)
        return other is not None and other.group(1) not in docs

    found: list[tuple[int, str]] = []
    for m in _REF_LAST.finditer(question):
        kind = (m.group(1) or "operative").lower()
        if last and kind in last:
            found.append((m.start(), last[kind]))
    for m in _REF_ORDINAL.finditer(question):
        n = ordinal(m.group(1))
        found.append((m.start(), f"PP{n}" if m.group(2).lower() == "preambular" else str(n)))
    for m in _REF_PP.finditer(question):
        if not elsewhere(m.end()):
            found.append((m.start(), f"PP{m.group(1)}"))
    pp_spans = [m.span() for m in _REF_PP.finditer(question)]
    for m in _REF_OP.finditer(question):
        if not any(a <= m.start() < b for a, b in pp_spans) and not elsewhere(m.end()):
            found.append((m.start(), m.group(1)))
    for m in _REF_FN.finditer(question):
        found.append((m.start(), f"fn{m.group(1)}"))
    if last and "footnote" in last:
        found += [(m.start(), last["footnote"]) for m in _REF_THE_FN.finditer(question)]
    return [uid for _, uid in sorted(found)]
