"""Resolution text -> citable Units: the only module that knows the layout of Assembly
resolutions as they come out of the Official Records (or a PDF's text layer).

The layout, in general: page headers and footers wherever a page broke (report symbols, page
and job numbers); a title block; a chapeau ("The Assembly of States Parties,"); preambular
paragraphs; numbered operative paragraphs, perhaps under section headings ("A. Universality",
"II." + a heading line) and holding sub-paragraphs ("(a)", "(i)"); footnotes at the foot of a
page after a rule line, markers glued to the word or punctuation before them; annexes with
their own numbered paragraphs. Budget-type resolutions repeat the chapeau in each lettered
section and restart the numbering there.

Ids (stable, documented in the README): `title`; `PP3`; `7`; `7(b)` for a sub-paragraph
(`7(b)` holds the roman items inside it, each also `7(b)(i)`; roman items directly under a
paragraph are `7(i)`);
`fn12` (the footnote's printed number); `annex.3` for paragraph 3 of the only annex,
`annexII.3` when there are several, `annex` / `annexII` for an annex without numbered
paragraphs; in a resolution whose sections restart the numbering, every id of a section
carries its letter: `B.PP1`, `B.3`, `B.3(a)`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .types import Unit

_SYMBOL = r"[A-Z]{2,}(?:-[A-Z]+)*(?:/[A-Za-z0-9.]+)*/[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*"
# A UN document symbol anywhere in running text ("ICC-ASP/10/Res.5", "RC/Dec.2").
# Every real symbol carries a number (a session, a resolution): "ICTY/ICTR" is two acronyms.
SYMBOL = re.compile(rf"\b(?=[\w./-]*\d){_SYMBOL}")
_LONE_SYMBOL = re.compile(rf"^\s*{_SYMBOL}(?:\s*\(?Vol\.\s*[IVX]+\)?)?\s*$")
_RESOLUTION_LINE = re.compile(rf"^\s*Resolution\s+({_SYMBOL})\s*$")
_RES_SYMBOL = re.compile(rf"^\s*({_SYMBOL}/Res\.\d+)\s*$", re.IGNORECASE)
# Page numbers and job numbers: "38 20-E-011212", "20-E-011212 38", "- 3 -", "Page 3", "38".
_PAGE_DEBRIS = re.compile(
    r"^\s*(?:\d{1,4}\s+\d{1,2}-[A-Z]-\d{6}|\d{1,2}-[A-Z]-\d{6}(?:\s+\d{1,4})?"
    r"|-\s*\d{1,4}\s*-|Page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|\d{1,4}|_{3,})\s*$", re.I)
_FOOTNOTE_RULE = re.compile(r"^(?:[ \t]{10,}|\s*_{5,}\s*)$")  # the line above footnotes
_FOOTNOTE_START = re.compile(r"^\s{0,3}(\d{1,3})\s+(\S.*)$")
_NUMBER_START = re.compile(r"^\s*(\d{1,3})\s*[.)]\s+(\S.*)$")
_SUB_START = re.compile(r"^\s*\(([a-z]{1,5})\)\s+(\S.*)$")
_CHAPEAU = re.compile(r"^\s*The\s+[A-Z][\w ]{2,80},\s*$")
# "Annex", "Annex II", or with its title on the same line: "Annex  Guidelines for ...",
# "Annex I: Terms of reference", "Annex II – Timeline".
_ANNEX = re.compile(r"^\s*Annex(?:\s+([IVX]+|\d+))?\s*(?:(?:\s{2}|\s*[.:–—-]\s+)\s*"
                    r"(?P<title>[A-Z].*?))?\s*$")
# "A. Universality", "IV. Victims", or a bare "II." whose heading is the next line.
_HEADING = re.compile(r"^\s*([A-Z]|[IVXL]{1,6})\.(?:\s+([A-Z(].{0,120}))?\s*$")
_PARTICIPLE = re.compile(r"^\s*[A-Z][a-z]+(?:ing|ed)\b")
# A footnote marker: digits glued to the end of a word, quotation or punctuation ("Statute,3"),
# or to a year ("of 14 December 20233": the year 2023, then footnote 3).
_MARKER = re.compile(r"(?:(?<=[A-Za-z”\"’'.,;:)\]])|(?<=(?<!\d)(?:19|20)\d\d))(\d{1,3})"
                     r"(?=[\s,;.:)”’]|$)")
# A marker the text layer lost must not stop the later ones from being read: the next few
# footnotes are looked for, not only the next one.
_MARKER_WINDOW = 3
_NOT_MARKER_BEFORE = re.compile(r"(?:\b(?:Res|Add|Rev|Corr|Dec|No|para|art|Vol)\.|/[\w.]*)$")
_ROMAN = ("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv").split()
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


class LayoutError(ValueError):
    """The text cannot be read as a resolution; the message says why."""


@dataclass(frozen=True)
class Resolution:
    symbol: str
    title: str
    units: tuple[Unit, ...]


@dataclass
class _Block:
    lines: list[str]
    notes: list[str] = field(default_factory=list)  # footnote ids whose markers it held

    @property
    def text(self) -> str:
        return join_lines(self.lines)


def join_lines(lines: Sequence[str]) -> str:
    """Join wrapped lines into one paragraph. A line-final hyphen is a real hyphen in these
    documents ("non-\\ncooperation" is "non-cooperation"), so it is kept and no space added."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha():
            out += line
        else:
            out += " " + line
    return re.sub(r"\s{2,}", " ", out)


def _normalise(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = text.replace("\u00ad", "").replace("\u00a0", " ").replace("\t", " ")
    return [ln.rstrip() if ln.strip() else ("" if len(ln) < 10 else ln) for ln in
            text.split("\n")]


def is_debris(line: str) -> bool:
    return bool(_PAGE_DEBRIS.match(line) or _LONE_SYMBOL.match(line))


def _strip_footnotes(lines: list[str]) -> tuple[list[str], dict[int, str]]:
    """Take footnote blocks (a rule line, then "N text" lines) out of the running text. A block
    that opens without a number continues the last footnote of the page before."""
    body: list[str] = []
    notes: dict[int, list[str]] = {}
    last: int | None = None
    called: set[int] = set()  # numbers glued to a word in the text so far: markers, maybe
    i = 0
    while i < len(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        start = _FOOTNOTE_START.match(nxt)
        opens = start is not None and (last is None or int(start.group(1)) > last)
        # A PDF's text layer drops the rule (a drawn line): then a blank line, then "N text"
        # where N is the next footnote and its marker was met, opens the notes.
        number = int(start.group(1)) if start else None
        unruled = not lines[i].strip() and number is not None and number in called \
            and not _NUMBER_START.match(nxt) and (last is None or number == last + 1)
        if unruled or (_FOOTNOTE_RULE.match(lines[i]) and (
                opens or (last is not None and nxt.strip() and not is_debris(nxt)))):
            i += 1
            current = notes[last] if last is not None and not opens else None
            while i < len(lines):
                cur = lines[i]
                start = _FOOTNOTE_START.match(cur)
                if start and (last is None or int(start.group(1)) == last + 1
                              or (current is None and int(start.group(1)) > last)):
                    last = int(start.group(1))
                    current = notes.setdefault(last, [])
                    current.append(start.group(2))
                elif (current is not None and cur.strip() and not cur[:1].isspace()
                      and not is_debris(cur)
                      and not (current[-1].rstrip().endswith(".") and cur[:1].islower())):
                    current.append(cur)  # a footnote wrapped onto a further line
                else:
                    break
                i += 1
            continue
        body.append(lines[i])
        called.update(int(m.group(1)) for m in _MARKER.finditer(lines[i]))
        i += 1
    return body, {n: join_lines(parts) for n, parts in notes.items()}


def _strip_markers(lines: list[str], notes: dict[int, str]) -> list[tuple[str, list[str]]]:
    """Remove footnote markers, in footnote order, from the lines; each line keeps the ids of
    the footnotes it called."""
    pending = sorted(notes)
    out = []
    for line in lines:
        called: list[str] = []

        def drop(m: re.Match[str], called: list[str] = called) -> str:
            n = int(m.group(1))
            before, after = m.string[: m.start()], m.string[m.end():]
            # "regulation 6.2 of the ...": a decimal number runs on in lower case; a marker
            # after a number that ends a sentence ("in 2021.4 The ...") does not.
            decimal = before[-2:-1].isdigit() and before.endswith(".") and \
                bool(re.match(r"\s+[a-z(]", after))
            if n in pending[:_MARKER_WINDOW] and not decimal and \
                    not _NOT_MARKER_BEFORE.search(before):
                del pending[: pending.index(n) + 1]
                called.append(f"fn{n}")
                return ""
            return m.group(0)

        out.append((_MARKER.sub(drop, line), called))
    return out


def _kind(line: str) -> str:
    if _CHAPEAU.match(line):
        return "chapeau"
    if _ANNEX.match(line):
        return "annex"
    if _NUMBER_START.match(line):
        return "number"
    if _SUB_START.match(line):
        return "sub"
    m = _HEADING.match(line)
    if m and (not m.group(2) or (len(m.group(2).split()) <= 16
                                 and m.group(2).rstrip()[-1:] not in ",;:")):
        return "heading"
    return "text"


def _blocks(lines: list[tuple[str, list[str]]]) -> list[tuple[str, _Block]]:
    """Blank-line separated blocks, each tagged with the kind of line that opens it. A block
    that stops mid-sentence (no closing punctuation) went on after a page break, and the next
    plain text block is joined to it."""
    blocks: list[tuple[str, _Block]] = []
    current: _Block | None = None
    kind = "text"
    chapeau = False
    for line, called in lines:
        if not line.strip():
            current = None
            continue
        # Symbol lines above the chapeau are the title block's; below it, page headers.
        if _PAGE_DEBRIS.match(line) or (chapeau and _LONE_SYMBOL.match(line)):
            continue
        k = _kind(line)
        if k == "chapeau" and current is not None:
            k = "text"  # "The Hague," ending a wrapped line is no chapeau: that opens a block
        chapeau = chapeau or k == "chapeau"
        prev = current.lines[-1].rstrip() if current else ""
        new_paragraph = k != "text" or (prev.endswith(",") and _PARTICIPLE.match(line))
        if current is not None and kind == "heading" and k == "text" and len(current.lines) == 1 \
                and not _HEADING.match(current.lines[0]).group(2):  # type: ignore[union-attr]
            new_paragraph = False  # "II." then its heading on the next line
        if current is None or (new_paragraph and current.lines):
            prior = blocks[-1][1].lines if blocks else []
            if current is None and k == "text" and blocks and blocks[-1][0] in (
                    "text", "number", "sub") and prior[-1].rstrip()[-1:] not in ",;:." \
                    and not prior[-1].rstrip().endswith(" and") \
                    and not (len(prior) == 1 and len(prior[0].split()) <= 10):
                current = blocks[-1][1]  # the page broke inside this paragraph
            else:
                current, kind = _Block([]), k
                blocks.append((k, current))
        current.lines.append(line)
        current.notes += called
    return blocks


def _ordinal_letter(marker: str, expected_letter: int) -> str:
    """"letter" or "roman" for a sub-paragraph marker: "(i)" after "(h)" is a letter."""
    if marker == _LETTERS[expected_letter % 26] or marker not in _ROMAN:
        return "letter"
    return "roman"


@dataclass
class _Draft:
    uid: str
    kind: str
    section: str
    blocks: list[_Block]
    parent: str = ""

    @property
    def text(self) -> str:
        return join_lines([ln for b in self.blocks for ln in b.lines])


def parse(text: str, name: str = "input") -> Resolution:
    """Parse one resolution's text. Raises LayoutError with a reason on anything else."""
    if not text.strip():
        raise LayoutError(f"{name} is empty")
    body, notes = _strip_footnotes(_normalise(text))
    blocks = _blocks(_strip_markers(body, notes))
    chapeaus = [i for i, (k, _) in enumerate(blocks) if k == "chapeau"]
    if not any(k == "number" for k, _ in blocks) or not chapeaus:
        raise LayoutError(f"{name} is not an Assembly resolution: it has no "
                          + ("chapeau (\"The Assembly of States Parties,\")" if not chapeaus
                             else "numbered operative paragraphs (\"1. Decides ...\")"))
    first = chapeaus[0]
    while first and blocks[first - 1][0] == "heading":  # a section opens before its chapeau
        first -= 1
    symbol, title, title_text = _title_block(blocks[:first], name)
    title_text += f" Adopted by: {blocks[chapeaus[0]][1].text.rstrip(',')}."
    parts = len(chapeaus) > 1  # budget-type: each section its own chapeau and numbering

    drafts: list[_Draft] = []
    section, prefix, annex, annex_title = "", "", "", ""
    state = "preamble"
    expected, pp = 1, 0
    paragraph: _Draft | None = None
    letter: _Draft | None = None
    letters_seen = 0
    annexes = sum(1 for k, _ in blocks if k == "annex")
    for index, (kind, block) in enumerate(blocks[first:], start=first):
        number = _NUMBER_START.match(block.lines[0])
        if kind == "chapeau":
            if parts:
                prefix = (section.split(".")[0] if section else
                          _LETTERS[chapeaus.index(index)].upper()) + "."
            state, expected, pp, paragraph, letter = "preamble", 1, 0, None, None
            continue
        if kind == "annex":
            m = _ANNEX.match(block.lines[0])
            annex = "annex" + (m.group(1) if m and m.group(1) and annexes > 1 else "")
            state, expected, paragraph, letter, section, annex_title = \
                "annex", 1, None, None, "", (m.group("title") or "") if m else ""
            continue
        if kind == "heading":
            section = " ".join(ln.strip() for ln in block.lines)
            if state == "annex" and not annex_title and paragraph is None:
                annex_title, section = section, ""
            continue
        if state == "annex" and paragraph is None and not number and not annex_title:
            annex_title = block.text  # the annex's own heading line
            continue
        if number and int(number.group(1)) == expected:
            uid = (f"{annex}.{expected}" if state == "annex" else f"{prefix}{expected}")
            block.lines[0] = number.group(2)
            paragraph = _Draft(uid, "annex" if state == "annex" else "operative",
                               section or (annex_title if state == "annex" else ""), [block])
            drafts.append(paragraph)
            letter, letters_seen, expected = None, 0, expected + 1
            if state == "preamble":
                state = "operative"
            continue
        sub = _SUB_START.match(block.lines[0])
        if sub and paragraph is not None:
            paragraph.blocks.append(block)
            how = _ordinal_letter(sub.group(1), letters_seen)
            sub_block = _Block([sub.group(2), *block.lines[1:]], [])
            if how == "roman" and letter is not None:  # "(i)" inside "(b)": "5(b)(i)"
                letter.blocks.append(_Block(list(block.lines), []))
                drafts.append(_Draft(f"{letter.uid}({sub.group(1)})", paragraph.kind, section,
                                     [sub_block], parent=paragraph.uid))
                continue
            child = _Draft(f"{paragraph.uid}({sub.group(1)})", paragraph.kind, section,
                           [sub_block], parent=paragraph.uid)
            drafts.append(child)
            if how == "letter":
                letter, letters_seen = child, letters_seen + 1
            continue
        if state == "preamble":
            pp += 1
            drafts.append(_Draft(f"{prefix}PP{pp}", "preambular", section, [block]))
        elif state == "annex" and paragraph is None:
            unnumbered = next((d for d in drafts if d.uid == annex), None)
            if unnumbered is None:
                drafts.append(_Draft(annex, "annex", annex_title, [block]))
            else:
                unnumbered.blocks.append(block)
        elif paragraph is not None:
            paragraph.blocks.append(block)  # text after its sub-paragraphs
            letter = None
    return _units(symbol, title, title_text, drafts, notes)


def _units(symbol: str, title: str, title_text: str, drafts: list[_Draft],
           notes: dict[int, str]) -> Resolution:
    texts = {"title": title_text}
    links: dict[str, list[str]] = {}
    units: list[Unit] = [Unit(doc=symbol, doc_title=title, id="title", kind="title",
                              label="Title, symbol and adoption", text=title_text)]
    for d in drafts:
        if not d.parent:
            for b in d.blocks:
                for fid in b.notes:
                    links.setdefault(d.uid, []).append(fid)
    for d in drafts:
        texts[d.uid] = d.text
    for n in sorted(notes):
        fid = f"fn{n}"
        links[fid] = [uid for uid, fns in links.items() if fid in fns]
    for d in drafts:
        units.append(Unit(doc=symbol, doc_title=title, id=d.uid, kind=d.kind,
                          label=label_for(d.uid, d.kind, d.section), text=texts[d.uid],
                          links=tuple(links.get(d.uid, ())), section=d.section,
                          parent=d.parent))
    for n, note in sorted(notes.items()):
        fid = f"fn{n}"
        units.append(Unit(doc=symbol, doc_title=title, id=fid, kind="footnote",
                          label=f"Footnote {n}", text=note, links=tuple(links[fid])))
    empty = [u.id for u in units if not u.text]
    if empty:
        raise LayoutError(f"{symbol}: paragraph(s) {', '.join(empty)} have no text")
    seen: set[str] = set()
    dupes = [u.id for u in units if u.id in seen or seen.add(u.id)]  # type: ignore[func-returns-value]
    if dupes:
        raise LayoutError(f"{symbol}: paragraph(s) {', '.join(dupes)} appear twice")
    return Resolution(symbol=symbol, title=title, units=tuple(units))


def _title_block(blocks: Sequence[tuple[str, _Block]], name: str) -> tuple[str, str, str]:
    """Symbol, title and the title unit's text (symbol, title, adoption: meeting, date, vote).
    The title is what follows the last symbol line, above the chapeau."""
    lines = [ln.strip() for _, b in blocks for ln in b.lines if ln.strip()]
    symbol = next((m.group(1) for ln in lines if (m := _RESOLUTION_LINE.match(ln))), "")
    symbol = symbol or next((m.group(1) for ln in lines if (m := _RES_SYMBOL.match(ln))), "")
    symbol = symbol or Path(name).stem
    last_symbol = max((i for i, ln in enumerate(lines) if _LONE_SYMBOL.match(ln)
                       or _RESOLUTION_LINE.match(ln)), default=-1)
    prose = [ln for ln in lines if not _LONE_SYMBOL.match(ln) and not _RESOLUTION_LINE.match(ln)]
    after = [ln for ln in lines[last_symbol + 1:] if not _LONE_SYMBOL.match(ln)]
    if not after and prose:
        after = prose[-1:]
    title = join_lines(after) or symbol
    others = [ln for ln in prose if ln not in after]
    text = f"Resolution {symbol}: {title}."
    if others:
        text += " " + " ".join(o if o.endswith(".") else o + "." for o in others)
    return symbol, title, text


def label_for(uid: str, kind: str, section: str = "") -> str:
    """"Operative paragraph 7 (B. Arrest strategies)", "Annex II, paragraph 3": what a reader
    calls the unit."""
    where = f" ({section})" if section else ""
    prefix, _, rest = uid.rpartition(".") if kind != "annex" else ("", "", uid)
    part = f"Section {prefix}, " if prefix and kind != "annex" else ""
    if kind == "preambular":
        return f"{part}{'p' if part else 'P'}reambular paragraph {rest[2:]}{where}"
    if kind == "annex":
        name, _, number = uid.partition(".")
        annex = "Annex" + (f" {name[5:]}" if name[5:] else "")
        return f"{annex}, paragraph {number}{where}" if number else f"{annex}{where}"
    if part:
        return f"{part}operative paragraph {rest}{where}"
    return f"Operative paragraph {uid}{where}"
