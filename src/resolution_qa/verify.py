"""Checking a language model's answer: its citations, and whether each sentence is supported.

Models cite in many formats ("[¶7]", "[7]", "(para. 7)", "paragraph 7", "[¶¶ 7, 8]", "¶7-8",
"[2(b)]", with or without a document symbol) and small ones invent paragraphs. Every citation
is read into unit ids; one naming a unit the model was not given is removed and reported. Each
sentence is then scored against the text of the units it cites (support.py); a sentence that
cites nothing, or whose cited text does not state it, is flagged, never kept as fact.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .corpus import SYMBOL
from .types import Unit

# One cited id: "PP2", "fn12", "title", "annex.3", "annexII.3", "B.3", "B.PP1", "7", "2(b)(i)".
_ID = (r"(?:[A-Z]\.)?PP\s?\d{1,2}|fn\s?\d{1,3}|title|annex(?:[IVX]+)?(?:\.\d{1,3})?"
       r"|(?:[A-Z]\.)?\d{1,3}(?:\([a-z]{1,4}\))*")
_RANGE = re.compile(rf"({_ID})\s*(?:[-–—]|to)\s*(\d{{1,3}})\b(?!\()")
_ID_RE = re.compile(rf"(?<![\w/.])({_ID})(?![\w/])")
# Where a citation is written: in brackets, in parentheses with a paragraph word, after a
# pilcrow, or as "paragraph(s) N" in the prose.
_SPANS = re.compile(
    r"\[[^\[\]\n]{1,80}\]"
    r"|\((?:[^()\n]{0,30}?\b(?:paras?\.|paragraphs?|¶|pp\.?|footnotes?|fn)\s*[^()\n]{0,50})\)"
    r"|¶¶?\s*(?:[A-Za-z0-9().]+(?:\s*(?:,|and|[-–])\s*)?)+"
    r"|\b(?:operative\s+|preambular\s+)?(?:paragraphs?|paras?\.?)\s+"
    r"(?:PP)?\d{1,3}(?:\([a-z]+\))*(?:\s*(?:,|and|to|[-–])\s*(?:PP)?\d{1,3}(?:\([a-z]+\))*)*",
    re.I)
_PREAMBULAR = re.compile(r"\bpreambular\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z\[¶])")
_ABBREVIATION = re.compile(r"\b(?:para|paras|No|vol|art|Res|Rev|Add|e\.g|i\.e|cf|pp|p)\.$", re.I)


@dataclass(frozen=True)
class Cited:
    """One citation found in the model's text: where it was, and the ids it names."""

    start: int
    end: int
    doc: str | None
    ids: tuple[str, ...]
    bracketed: bool  # a marker to take out of the prose ("[¶7]"), not words ("paragraph 7")


def _expand(span: str) -> list[str]:
    """The ids a span names, ranges spread out ("7-9" is 7, 8, 9; "PP1-3" is PP1..PP3)."""
    body = SYMBOL.sub(" ", span)
    ids: list[str] = []
    for m in _RANGE.finditer(body):
        first, last = m.group(1).replace(" ", ""), int(m.group(2))
        prefix = first.rstrip("0123456789")
        start = int(first[len(prefix):] or 0)
        if first[len(prefix):] and 0 < last - start <= 30:
            ids += [f"{prefix}{n}" for n in range(start, last + 1)]
    body = _RANGE.sub(" ", body)
    ids += [m.group(1).replace(" ", "") for m in _ID_RE.finditer(body)]
    if _PREAMBULAR.search(span):  # "preambular paragraph 2" is PP2
        ids = [i if not i.isdigit() else f"PP{i}" for i in ids]
    return list(dict.fromkeys(ids))


def find_citations(text: str) -> list[Cited]:
    """Every citation in the text, in order."""
    found = []
    for m in _SPANS.finditer(text):
        span = m.group(0)
        ids = _expand(span)
        if not ids:
            continue
        symbol = SYMBOL.search(span)
        found.append(Cited(m.start(), m.end(), symbol.group(0) if symbol else None,
                           tuple(ids), span[0] in "[(¶"))
    return found


def split_sentences(text: str) -> list[str]:
    """Sentences, with a citation written after the full stop ("... release. [¶7]") kept with
    the sentence before it."""
    pieces, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text[start:m.start()]):
            continue
        pieces.append(text[start:m.start()].strip())
        start = m.end()
    pieces.append(text[start:].strip())
    out: list[str] = []
    for piece in filter(None, pieces):
        while out and (lead := _SPANS.match(piece)) and lead.group(0)[0] in "[(¶" \
                and _expand(lead.group(0)):  # a marker opening a piece ends the one before
            out[-1] = f"{out[-1]} {lead.group(0)}"
            piece = piece[lead.end():].lstrip(" .,;")
        if piece:
            out.append(piece)
    return out


@dataclass
class Checked:
    """A sentence of the model's answer after its citations were read."""

    text: str  # the sentence without bracketed markers
    keys: list[str]  # unit keys it cites, among those the model was given
    invented: list[str] = field(default_factory=list)  # ids it cites that it was not given


def read_sentence(sentence: str, given: Sequence[Unit]) -> Checked:
    """Resolve a sentence's citations against the units the model was given; an id of another
    unit is invented. Bracketed markers leave the prose (the answer re-adds checked ones)."""
    by_id: dict[str, list[Unit]] = {}
    for u in given:
        by_id.setdefault(u.id.lower(), []).append(u)
    keys: list[str] = []
    invented: list[str] = []
    text = sentence
    for c in reversed(find_citations(sentence)):
        for uid in c.ids:
            options = by_id.get(uid.lower(), [])
            if c.doc:
                options = [u for u in options if u.doc.lower() == c.doc.lower()]
            if options:
                keys.insert(0, options[0].key)
            else:
                invented.insert(0, f"{c.doc} {uid}" if c.doc else uid)
        if c.bracketed:
            text = text[:c.start] + text[c.end:]
    text = re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()
    return Checked(text, list(dict.fromkeys(keys)), list(dict.fromkeys(invented)))
