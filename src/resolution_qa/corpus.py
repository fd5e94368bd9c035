"""Resolution text -> citable Units. The only module that knows the document layout.

Written for the layout of Assembly of States Parties resolutions as they come out of the
Official Records: a title block, a chapeau ("The Assembly of States Parties,"), preambular
paragraphs separated by blank lines, numbered operative paragraphs, footnotes at the foot of
a page, and page headers and job numbers wherever a page broke.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .types import Unit

MAX_BYTES = 5_000_000  # a resolution is tens of kB; anything this big is the wrong file

_SYMBOL = r"[A-Z]{2,}(?:-[A-Z]+)*(?:/[A-Za-z0-9.]+)*/[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*"
# A UN document symbol anywhere in running text ("ICC-ASP/10/Res.5", "RC/Dec.2").
# Every real symbol carries a number (a session, a resolution): "ICTY/ICTR" is two acronyms.
SYMBOL = re.compile(rf"\b(?=[\w./-]*\d){_SYMBOL}")
_LONE_SYMBOL = re.compile(rf"^\s*{_SYMBOL}\s*$")
# Resolutions cited by number alone ("Security Council resolution 1593 (2005)").
_NUMBERED_RESOLUTION = re.compile(r"\bresolutions?\s+(\d{3,4})\b", re.I)


def document_refs(text: str) -> list[str]:
    """The documents a text names: symbols, and resolutions cited by number."""
    return SYMBOL.findall(text) + [f"resolution {n}" for n in
                                   _NUMBERED_RESOLUTION.findall(text)]


ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
            "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
            "twentieth").split()


_UNITS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
# Regex alternations shared by the retriever and the question rules.
NUMBER_WORDS = "|".join([*_UNITS, *_TENS, "hundred", "thousand", "million", "billion"])
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December")


def spelled(n: int) -> str:
    """66 -> "sixty-six" (one to ninety-nine), as a resolution writes a count; "" beyond."""
    if 1 <= n < 20:
        return _UNITS[n - 1]
    if 20 <= n < 100:
        return _TENS[n // 10 - 2] + (f"-{_UNITS[n % 10 - 1]}" if n % 10 else "")
    return ""


def ordinal(word: str) -> int | None:
    """"twelfth" or "12th" -> 12; None for any other word (a year: "the 2012 session")."""
    word = word.lower()
    if word in ORDINALS:
        return ORDINALS.index(word) + 1
    digits = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", word)
    return int(digits.group(1)) if digits else None


# "twelfth session", "eighth, ninth and tenth sessions", "the sixth-session resolution"
_SESSION_WORDS = re.compile(r"\b((?:\w+(?:,\s*|\s+and\s+|\s+or\s+|,\s+and\s+))*\w+)[\s-]+"
                            r"(?:resumed\s+)?sessions?\b", re.I)
_SESSION_SYMBOL = re.compile(r"\bICC-ASP/(\d{1,2})/")


def session_refs(text: str) -> list[str]:
    """The Assembly sessions a text names, in words ("twelfth session") or through a symbol
    ("ICC-ASP/10/Res.5"), as "session 12"."""
    found = [ordinal(w) for words in _SESSION_WORDS.findall(text)
             for w in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s+or\s+", words)]
    return [f"session {n}" for n in [*found, *map(int, _SESSION_SYMBOL.findall(text))] if n]


# Provisions cited by number: "article 93", "articles 86 and 87", "rule 16".
_PROVISION = re.compile(r"\b(article|rule)s?\s+(\d+(?:\s*(?:,|and|or|to|-|–)\s*\d+)*)", re.I)


def provision_refs(text: str) -> list[str]:
    """The numbered provisions a text cites, as "article 93"."""
    return [f"{m.group(1).lower()} {n}" for m in _PROVISION.finditer(text)
            for n in re.findall(r"\d+", m.group(2))]


_RESOLUTION_LINE = re.compile(rf"^\s*Resolution\s+({_SYMBOL})\s*$")
_RES_SYMBOL = re.compile(rf"^\s*({_SYMBOL}/Res\.\d+)\s*$", re.IGNORECASE)
# Page numbers and UN job numbers: "38 20-E-011212", "20-E-011212 38", "- 3 -", "Page 3", "38".
_PAGE_DEBRIS = re.compile(
    r"^\s*(?:\d{1,4}\s+\d{1,2}-[A-Z]-\d{6}|\d{1,2}-[A-Z]-\d{6}(?:\s+\d{1,4})?"
    r"|-\s*\d{1,4}\s*-|Page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|\d{1,4})\s*$"
)
_FOOTNOTE_RULE = re.compile(r"^(?:[ \t]{10,}|\s*_{5,}\s*)$")  # the line above footnotes
_FOOTNOTE_START = re.compile(r"^(\d{1,3})\s+(\S.*)$")
_OPERATIVE_START = re.compile(r"^\s*(\d{1,3})\s*[.)]\s+(\S.*)$")
_CHAPEAU = re.compile(r"^\s*The\s+[A-Z][\w ]{2,80},\s*$")
_PARTICIPLE = re.compile(r"^\s*[A-Z][a-z]+(?:ing|ed)\b")
_END_OF_TEXT = re.compile(r"^\s*(?:_{3,}|Annex(?:\s+[IVX\d]+)?)\s*$")
# A footnote marker: digits glued to the end of a word, quotation or punctuation ("forthcoming";1).
_MARKER = re.compile(r"(?<=[A-Za-z”\"’'.,;:)\]])(\d{1,3})(?=[\s,;.:)]|$)")
_NOT_MARKER_BEFORE = re.compile(r"(?:\b(?:Res|Add|Rev|Corr|Dec|No|para|art)\.|/\S*)$")


class CorpusError(ValueError):
    """The file cannot be read as a resolution; the message says why and what to do."""


@dataclass(frozen=True)
class Resolution:
    symbol: str
    title: str
    units: tuple[Unit, ...]


def read_text(path: Path) -> str:
    """Read a resolution file as text, refusing binaries and oversized files with a reason."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CorpusError(f"{path} is {size:,} bytes; a resolution text is far smaller "
                              f"(limit {MAX_BYTES:,}): check the file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise CorpusError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise CorpusError(f"{path} is a folder: give the resolution's .txt file") from None
    except OSError as exc:
        raise CorpusError(f"cannot read {path}: {exc.strerror}") from None
    return decode(data, str(path))


def decode(data: bytes, name: str = "input") -> str:
    if b"\x00" in data:
        raise CorpusError(f"{name} is a binary file, not a resolution text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Word exports in Windows-1252 are common; they still decode cleanly.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise CorpusError(f"{name} is not UTF-8 or Windows-1252 text") from None


def _normalise(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = text.replace("\u00ad", "").replace("\u00a0", " ").replace("\t", " ")
    return text.split("\n")


def join_lines(lines: Iterable[str]) -> str:
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


def _strip_footnotes(lines: list[str]) -> tuple[list[str], dict[int, str]]:
    """Take footnote blocks (a rule line, then "N text" lines) out of the running text."""
    body: list[str] = []
    notes: dict[int, list[str]] = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if _FOOTNOTE_RULE.match(line) and _FOOTNOTE_START.match(nxt):
            i += 1
            current: list[str] | None = None
            while i < len(lines):
                cur = lines[i]
                start = _FOOTNOTE_START.match(cur)
                if start and not _OPERATIVE_START.match(cur):
                    current = notes.setdefault(int(start.group(1)), [])
                    current.append(start.group(2))
                elif (current is not None and cur.strip() and not cur[:1].isspace()
                      and not _is_debris(cur)
                      and not (current[-1].rstrip().endswith(".") and cur[:1].islower())):
                    current.append(cur)  # a footnote wrapped onto a second line
                else:
                    break
                i += 1
            continue
        body.append(line)
        i += 1
    return body, {n: join_lines(parts) for n, parts in notes.items()}


def _is_debris(line: str) -> bool:
    return bool(_PAGE_DEBRIS.match(line) or _LONE_SYMBOL.match(line))


def _operative_starts(lines: Sequence[str]) -> list[tuple[int, int]]:
    """(line index, number) of each operative paragraph: numbered 1, 2, 3... in sequence, each
    at the start of a line that follows a blank line or a finished sentence."""
    starts: list[tuple[int, int]] = []
    expected = 1
    prev = ""
    for i, line in enumerate(lines):
        m = _OPERATIVE_START.match(line)
        if m and int(m.group(1)) == expected and (
            not prev.strip() or prev.rstrip()[-1:] in ";:.,”\"" or not starts
        ):
            starts.append((i, expected))
            expected += 1
        if line.strip():
            prev = line
        else:
            prev = ""
    return starts


def _preamble_blocks(lines: Sequence[str]) -> list[list[str]]:
    """Preambular paragraphs: blank-line separated, rejoined when a page break split one."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if not line.strip():
            if current:
                blocks.append(current)
                current = []
            continue
        # Without blank lines, a participle after a line ending in a comma opens a paragraph.
        if current and current[-1].rstrip().endswith(",") and _PARTICIPLE.match(line):
            blocks.append(current)
            current = []
        current.append(line)
    if current:
        blocks.append(current)
    merged: list[list[str]] = []
    for block in blocks:
        if merged and merged[-1][-1].rstrip()[-1:] not in ",;:.":
            merged[-1].extend(block)  # the previous block stopped mid-sentence at a page break
        else:
            merged.append(list(block))
    return merged


def _link_footnotes(texts: dict[str, str], notes: dict[int, str]) -> dict[str, list[str]]:
    """Remove each footnote's marker from the text it annotates; return unit -> footnote ids."""
    links: dict[str, list[str]] = {}
    pending = sorted(notes)
    for uid, text in texts.items():
        def replace(m: re.Match[str], uid: str = uid) -> str:
            n = int(m.group(1))
            if pending and n == pending[0] and not _NOT_MARKER_BEFORE.search(
                    m.string[: m.start()]):
                pending.pop(0)
                links.setdefault(uid, []).append(f"fn{n}")
                return ""
            return m.group(0)

        texts[uid] = _MARKER.sub(replace, text)
    return links


def parse(text: str, name: str = "input") -> Resolution:
    """Parse one resolution's text. Raises CorpusError with a reason on anything else."""
    if not text.strip():
        raise CorpusError(f"{name} is empty")
    lines = _normalise(text)
    lines, notes = _strip_footnotes(lines)

    starts = _operative_starts(lines)
    if not starts:
        raise CorpusError(f"{name} has no numbered operative paragraphs (\"1. Decides ...\"): "
                          "is it an Assembly resolution?")
    first_op = starts[0][0]
    head = lines[:first_op]
    chapeau = next((i for i, ln in enumerate(head) if _CHAPEAU.match(ln)), None)
    title_lines = head if chapeau is None else head[:chapeau]
    preamble_lines = [] if chapeau is None else head[chapeau + 1:]

    symbol, title, title_text = _title_block(title_lines, name)
    if chapeau is not None:  # the body that adopts the text: "Who adopted it?" reads it here
        title_text += f" Adopted by: {head[chapeau].strip().rstrip(',')}."

    texts: dict[str, str] = {}
    kinds: dict[str, str] = {}
    texts["title"], kinds["title"] = title_text, "title"
    for n, block in enumerate(_preamble_blocks([ln for ln in preamble_lines
                                                if not _is_debris(ln)]), start=1):
        texts[f"PP{n}"], kinds[f"PP{n}"] = join_lines(block), "preambular"
    for k, (line_no, number) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        chunk = lines[line_no:end]
        stop = next((j for j, ln in enumerate(chunk) if j and _END_OF_TEXT.match(ln)), None)
        chunk = chunk[:stop]
        chunk = [ln for ln in chunk if not _is_debris(ln)]
        first = _OPERATIVE_START.match(chunk[0])
        assert first is not None
        texts[str(number)] = join_lines([first.group(2), *chunk[1:]])
        kinds[str(number)] = "operative"

    links = _link_footnotes(texts, notes)
    for n, note in sorted(notes.items()):
        fid = f"fn{n}"
        texts[fid], kinds[fid] = note, "footnote"
        links[fid] = [uid for uid, fns in links.items() if fid in fns]

    units = tuple(
        Unit(doc=symbol, doc_title=title, id=uid, kind=kinds[uid], label=label_for(uid),
             text=texts[uid], links=tuple(links.get(uid, ())))
        for uid in texts
    )
    empty = [u.id for u in units if not u.text]
    if empty:
        raise CorpusError(f"{name}: paragraph(s) {', '.join(empty)} have no text")
    return Resolution(symbol=symbol, title=title, units=units)


def _title_block(lines: Sequence[str], name: str) -> tuple[str, str, str]:
    """Symbol, title and the title unit's text (symbol, title, adoption: meeting, date, vote)."""
    kept = [ln.strip() for ln in lines if ln.strip() and not _PAGE_DEBRIS.match(ln)]
    symbol = ""
    resolution_line = ""
    for ln in kept:
        m = _RESOLUTION_LINE.match(ln)
        if m:
            symbol, resolution_line = m.group(1), ln
            break
    if not symbol:
        symbol = next((m.group(1) for ln in kept if (m := _RES_SYMBOL.match(ln))), "")
    if not symbol:
        symbol = Path(name).stem
    # The title is the last line of the block that is not a symbol: it sits above the chapeau.
    prose = [ln for ln in kept if not _LONE_SYMBOL.match(ln) and ln != resolution_line]
    title = prose[-1] if prose else symbol
    others = [ln for ln in prose[:-1]]
    head = resolution_line or f"Resolution {symbol}"
    text = f"{head}: {title}."
    if others:
        text += " " + " ".join(o if o.endswith(".") else o + "." for o in others)
    return symbol, title, text


def label_for(uid: str) -> str:
    if uid == "title":
        return "Title, symbol and adoption"
    if uid.startswith("PP"):
        return f"Preambular paragraph {uid[2:]}"
    if uid.startswith("fn"):
        return f"Footnote {uid[2:]}"
    return f"Operative paragraph {uid}"


# Where a resolution paragraph turns to a new point: after a semicolon or colon, and before a
# second operative verb or a qualifier ("..., and notes with appreciation ...", "..., including
# by ..."). Splitting there lets retrieval and answers use the clause that matters.
_VERBS = (
    "acknowledges|affirms|appreciates|calls|commends|decides|emphasizes|encourages|endorses|"
    "expresses|invites|notes|reaffirms|recalls|recognizes|reiterates|requests|stresses|"
    "underlines|urges|welcomes|underscores|takes|mindful"
)
_CLAUSE_BREAK = re.compile(
    rf"(?<=[;:])\s+|(?<=,)\s+(?=(?:and,?\s+)?(?:{_VERBS})\b)|\s+(?=and\s+(?:{_VERBS})\b)"
    r"|(?<=,)\s+(?=(?:including|in particular|inter alia by|with a view to|as well as)\b)"
)
MIN_CLAUSE_WORDS = 6


def clauses(text: str) -> list[str]:
    """Split a paragraph into clauses, each a verbatim substring of `text`, none shorter than
    MIN_CLAUSE_WORDS words (short pieces stay with their neighbour)."""
    pieces = [p for p in _CLAUSE_BREAK.split(text) if p and p.strip()]
    merged: list[str] = []
    for piece in pieces:
        if merged and (len(merged[-1].split()) < MIN_CLAUSE_WORDS
                       or len(piece.split()) < MIN_CLAUSE_WORDS):
            start = text.find(merged[-1])
            end = text.find(piece, start + len(merged[-1])) + len(piece)
            merged[-1] = text[start:end]
        else:
            merged.append(piece)
    return merged


WINDOW_WORDS, WINDOW_STEP = 30, 15


def windows(text: str) -> list[str]:
    """Overlapping 30-word stretches of every clause longer than that. A long clause (a list of
    measures, "inter alia ...") otherwise has one embedding for all it names, and a question on
    one of them matches it weakly."""
    out = []
    for clause in clauses(text):
        words = clause.split()
        if len(words) > WINDOW_WORDS:
            out += [" ".join(words[i:i + WINDOW_WORDS])
                    for i in range(0, len(words) - WINDOW_WORDS + WINDOW_STEP, WINDOW_STEP)]
    return out


def load(paths: Sequence[Path]) -> list[Unit]:
    """Parse every file; document symbols must be distinct since ids are scoped by them."""
    units: list[Unit] = []
    seen: dict[str, Path] = {}
    for path in paths:
        res = parse(read_text(path), str(path))
        if res.symbol in seen:
            raise CorpusError(f"{path} and {seen[res.symbol]} are both {res.symbol}")
        seen[res.symbol] = path
        units.extend(res.units)
    return units


def corpus_sha(paths: Sequence[Path]) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(path.read_bytes())
    return h.hexdigest()
