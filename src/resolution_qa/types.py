"""The records that pass between stages: Unit (corpus), Hit (retrieve), Answer (answer).

One Answer type serves the CLI's --json, the chat and the evaluation, so what the chat shows
and what scripts read can never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

KINDS = ("title", "preambular", "operative", "annex", "footnote")


@dataclass(frozen=True)
class Unit:
    """One citable piece of a resolution: title block, preambular or operative paragraph,
    footnote. `id` is unique within its document; `key` is unique across documents."""

    doc: str  # document symbol, e.g. "ICC-ASP/11/Res.5"
    doc_title: str  # e.g. "Cooperation"
    id: str  # "title", "PP2", "7", "fn1"
    kind: str  # one of KINDS
    label: str  # "Operative paragraph 7"
    text: str  # clean text, one paragraph, no page debris
    links: tuple[str, ...] = ()  # ids of units this one refers to (footnotes) or is referred from
    section: str = ""  # the heading it sits under, e.g. "B. Arrest strategies"
    parent: str = ""  # for a sub-paragraph ("2(b)"), the paragraph that holds it ("2")

    @property
    def key(self) -> str:
        return unit_key(self.doc, self.id)

    @property
    def marker(self) -> str:
        return citation_marker(self.id)

    def marker_in(self, docs: int) -> str:
        """The marker as an answer prints it: naming the document when the index holds
        several ("[ICC-ASP/11/Res.5 ¶7]")."""
        return citation_marker(self.id, self.doc if docs > 1 else None)

    def to_json(self) -> dict[str, str]:
        return {"doc": self.doc, "para": self.id, "kind": self.kind, "label": self.label,
                "section": self.section, "parent": self.parent, "text": self.text}


def unit_key(doc: str, unit_id: str) -> str:
    """Document-scoped id: several resolutions can share paragraph numbers."""
    return f"{doc}#{unit_id}"


def find_units(units: Sequence[Unit], uid: str, doc: str | None = None) -> list[Unit]:
    """Look a unit up as a user types it ("7", "¶7", "pp2", "FN1", "2(b)"), in every document
    or in `doc` only."""
    wanted = re.sub(r"\s+", "", uid.strip().lstrip("¶")).lower()
    return [u for u in units if u.id.lower() == wanted and (doc is None or u.doc == doc)]


def find_unit(units: Sequence[Unit], uid: str, doc: str | None = None) -> Unit | None:
    found = find_units(units, uid, doc)
    return found[0] if found else None


_NUMBERED = re.compile(r"(?:[A-Z]\.)?\d+(?:\([a-z]+\))*")


def citation_marker(unit_id: str, doc: str | None = None) -> str:
    """`[¶7]`, `[¶2(b)]` for operative paragraphs, the id itself for the others (`[PP2]`,
    `[fn1]`, `[annex.3]`); with `doc`, the document first (`[ICC-ASP/11/Res.5 ¶7]`)."""
    body = f"¶{unit_id}" if _NUMBERED.fullmatch(unit_id) else unit_id
    return f"[{doc} {body}]" if doc else f"[{body}]"


@dataclass(frozen=True)
class Hit:
    """A retrieved unit with its fused score and the per-retriever evidence behind it."""

    unit: Unit
    score: float
    dense: float = 0.0  # cosine similarity of the best-matching piece (paragraph or clause)
    whole: float = 0.0  # cosine similarity of the whole paragraph alone
    lexical: float = 0.0  # BM25 score, normalised to [0, 1] by the query's best
    coverage: float = 0.0  # share of the question's idf-weighted words found in the unit
    unseen: float = 0.0  # share of the question's idf-weighted words found in no unit at all
    clauses: tuple[tuple[str, float], ...] = ()  # clause text -> cosine, best first
    typed: float = 0.0  # the part of `score` owed to holding the kind of thing asked for


@dataclass(frozen=True)
class Citation:
    doc: str
    para: str
    quote: str  # the unit's text, or pieces of it joined by " ... ", word for word


@dataclass(frozen=True)
class Sentence:
    text: str
    citations: list[str]
    supported: bool  # every quoted piece is found in the units it cites


@dataclass
class Answer:
    question: str
    answer: str
    citations: list[Citation]
    retrieved: list[Hit]
    grounded: bool
    sentences: list[Sentence]
    warnings: list[str] = field(default_factory=list)
    searched: str = ""  # the query actually sent to retrieval (differs for chat follow-ups)

    def to_json(self) -> dict[str, Any]:
        """The object `resolution-qa ask --json` prints and the chat's /ask API returns."""
        return {
            "question": self.question,
            "answer": self.answer,
            "citations": [asdict(c) for c in self.citations],
            "retrieved": [
                {"doc": h.unit.doc, "para": h.unit.id, "score": round(h.score, 6)}
                for h in self.retrieved
            ],
            "grounded": self.grounded,
            "sentences": [asdict(s) for s in self.sentences],
            "warnings": list(self.warnings),
        }
