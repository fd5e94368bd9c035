"""Hand-written word lists shipped as package data (`data/*.json`), loaded once.

The glossary maps lay words to terms of art; `off_topics.json` states the Assembly topics the
corpus does not cover, with their terms of art; `names.json` lists States and persons. Each file
says how it was written. None names an evaluation question or a unit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any


def _load(name: str) -> dict[str, Any]:
    data = json.loads((resources.files("resolution_qa") / "data" / name).read_text(
        encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


GLOSSARY: dict[str, list[str]] = {k: v.split() for k, v in _load("glossary.json").items()}
_TOPICS = _load("off_topics.json")
# Topics next to the corpus's, stated as paragraphs would state them: label -> statement (topics
# matched by their terms alone have none).
OFF_TOPICS: dict[str, str] = {label: t["statement"] for label, t in _TOPICS.items()
                               if t.get("statement")}
_NAMES = _load("names.json")
STATES: list[str] = _NAMES["states"]
PERSONS: list[str] = _NAMES["persons"]
REGIONS: list[str] = _NAMES["regions"]


def term_pattern(terms: Iterable[str], case: bool = False) -> re.Pattern[str]:
    """Any of `terms` as whole words (a final "s" allowed) or as the first part of a compound
    ("climate-induced"), longest first."""
    alts = sorted({re.escape(t) for t in terms}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(alts) + r")s?(?![\w])",
                      0 if case else re.IGNORECASE) if alts else re.compile(r"(?!x)x")


STATES_PATTERN = term_pattern(STATES, case=True)
PLACES_PATTERN = term_pattern(STATES + REGIONS, case=True)  # where situations arise


@dataclass(frozen=True)
class Foreign:
    """What no indexed text mentions: off-index topics' terms of art (term -> topic label),
    and persons (matched as written)."""

    terms: dict[str, str] = field(default_factory=dict)
    persons: tuple[str, ...] = ()
    # Off-index topics (label -> statement) none of whose terms the texts use: a topic whose
    # terms a text uses is covered, and questions on it must not be refused as off-topic.
    topics: dict[str, str] = field(default_factory=dict)


def foreign_terms(texts: Iterable[str]) -> Foreign:
    """The topic terms ("budget" -> "the Court's budget"), persons ("Kony") and off-index
    topics that no text uses. Not States: a question names one for context as often as to
    ask about it ("as Kenya's delegate, ...")."""
    corpus = "\n".join(texts)
    terms = {term: label for label, t in _TOPICS.items() for term in t["terms"]}
    absent = {t: label for t, label in terms.items() if not term_pattern([t]).search(corpus)}
    covered = {label for t, label in terms.items() if t not in absent}
    # A lay word the glossary reads as a term the texts use is theirs too: "penalty" may be
    # the Security Council's sanctions.
    glossed = {t for t in absent
               if any(term_pattern([w]).search(corpus) for w in GLOSSARY.get(t.lower(), ()))}
    return Foreign(
        terms={t: label for t, label in absent.items() if t not in glossed},
        persons=tuple(p for p in PERSONS if not term_pattern([p], case=True).search(corpus)),
        topics={label: text for label, text in OFF_TOPICS.items() if label not in covered})
