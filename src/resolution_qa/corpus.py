"""Files -> Resolutions: reading .txt and text-layer .pdf files, refusing what is not a
resolution, and the text helpers the later stages share (document, session and provision
references; clauses and windows). The layout itself is read in layout.py."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import layout
from .layout import SYMBOL, LayoutError, Resolution, join_lines
from .types import Unit

__all__ = ["SYMBOL", "Resolution", "join_lines"]

MAX_BYTES = 5_000_000  # a resolution is tens of kB; anything this big is the wrong file

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


class CorpusError(ValueError):
    """The file cannot be read as a resolution; the message says why and what to do."""


def read_text(path: Path) -> str:
    """Read a resolution file (.txt, or a .pdf with a text layer) as text, refusing binaries
    and oversized files with a reason."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CorpusError(f"{path} is {size:,} bytes; a resolution text is far smaller "
                              f"(limit {MAX_BYTES:,}): check the file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise CorpusError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise CorpusError(f"{path} is a folder: give the resolution's .txt or .pdf file") \
            from None
    except OSError as exc:
        raise CorpusError(f"cannot read {path}: {exc.strerror}") from None
    if data.startswith(b"%PDF"):
        return pdf_text(data, str(path))
    return decode(data, str(path))


def pdf_text(data: bytes, name: str) -> str:
    """The text layer of a PDF, page by page (a form feed between pages, as a page break)."""
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        # Layout mode keeps the blank lines between paragraphs that plain mode drops.
        pages = [page.extract_text(extraction_mode="layout") or ""
                 for page in PdfReader(io.BytesIO(data)).pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise CorpusError(f"{name} is a PDF that cannot be read ({exc})") from None
    text = "\f".join(pages)
    if not text.strip():
        raise CorpusError(f"{name} is a PDF without a text layer (a scan?): "
                          "run it through OCR or give the .txt")
    return text


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


def parse(text: str, name: str = "input") -> Resolution:
    try:
        return layout.parse(text, name)
    except LayoutError as exc:
        raise CorpusError(str(exc)) from None


def read(path: Path) -> Resolution:
    return parse(read_text(path), str(path))


# Where a resolution paragraph turns to a new point: after a semicolon or colon, and before a
# second operative verb or a qualifier ("..., and notes with appreciation ...", "..., including
# by ..."). Splitting there lets retrieval and answers use the clause that matters.
_VERBS = (
    "acknowledges|affirms|appreciates|calls|commends|decides|emphasizes|encourages|endorses|"
    "expresses|invites|notes|reaffirms|recalls|recognizes|reiterates|requests|stresses|"
    "underlines|urges|welcomes|underscores|takes|mindful"
)
OPENS_WITH_VERB = re.compile(rf"(?:{_VERBS})\b", re.I)  # an operative clause's own verb
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


@dataclass(frozen=True)
class Loaded:
    """What reading a set of files gave: the resolutions, and the files refused with why."""

    resolutions: list[tuple[Path, Resolution]]
    refused: list[str]  # one line each: the file and the reason


def load_each(paths: Sequence[Path]) -> Loaded:
    """Parse every file; a file that is not a resolution, or repeats a symbol already read, is
    refused on its own and the others still load."""
    good: list[tuple[Path, Resolution]] = []
    refused: list[str] = []
    seen: dict[str, Path] = {}
    for path in paths:
        try:
            res = read(path)
        except CorpusError as exc:
            refused.append(str(exc))
            continue
        if res.symbol in seen:
            refused.append(f"{path} and {seen[res.symbol]} are both {res.symbol}")
            continue
        seen[res.symbol] = path
        good.append((path, res))
    return Loaded(good, refused)


def load(paths: Sequence[Path]) -> list[Unit]:
    """Every unit of every file; any refused file is an error."""
    loaded = load_each(paths)
    if loaded.refused:
        raise CorpusError("; ".join(loaded.refused))
    return [u for _, res in loaded.resolutions for u in res.units]


def content_sha(res: Resolution) -> str:
    """Hash of what a document contributes to the index: re-embed only when it changes."""
    h = hashlib.sha256()
    for u in res.units:
        h.update("\x1f".join((u.id, u.kind, u.label, u.section, u.parent, u.text,
                              ",".join(u.links))).encode())
    return h.hexdigest()[:16]


def corpus_sha(paths: Sequence[Path]) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(path.read_bytes())
    return h.hexdigest()
