"""Answer spans: which words of a cited unit answer the question, and how they read as a sentence.

The classic answer-span choice of extractive QA, kept verbatim: a unit is cut into clauses
(corpus.clauses), each scored by its similarity to the question (the embedding model's cosine,
computed at retrieval) and the question words it holds. A question with a focus (when, how long,
how many, where, who) prefers the clauses that hold that kind of thing: the dates, the figure,
the actors. Without one, a short paragraph is quoted whole. A quote never ends on a dangling
"and" or "of", and an ellipsis shows where words were left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from . import checks
from .corpus import MONTHS, OPENS_WITH_VERB, clauses
from .lexical import tokens
from .types import Hit, Unit

ELLIPSIS = " ... "  # between quoted pieces; `supported` checks each piece against the unit
CUT = "…"  # where a quote starts after, or ends before, the unit's own text
SHORT_UNIT_WORDS = 45  # a paragraph this short is quoted whole unless the question has a focus
NEAR = 0.05  # clauses scoring this close to the best are quoted with it
FOCUS_BONUS = 1.0  # holding the kind of thing asked for outweighs any similarity difference

# Function words a cut quote must not end on ("... freezing and seizure of assets, and").
# A lead-in's colon stays: it marks the quoted sub-paragraphs that follow (answer.narrowest).
_DANGLING = re.compile(r"(?:[\s,;]+|\s+(?:and|or|but|nor|the|a|an|of|to|in|on|for|with|by|at|"
                       r"from|as|that|which|whose|its|their|such|including|inter alia|namely|"
                       r"in particular|as well as)\b)+$", re.I)
_LEADING = re.compile(r"^(?:(?:and|or|but|nor)\b[\s,]*)+", re.I)
# A question after one particular thing (who, when, where, how long ...), which one clause of a
# paragraph answers better than the rest: "Who helped secure their release?"
_POINTED = re.compile(r"^\s*(?:(?:and|but|so|then)\s+)?(?:who|whom|when|where|which|whose|"
                      r"how (?:long|many|much|often|soon)|by whom|since when|until when|"
                      r"by when|what (?:date|year|day|month|amount|sum|figure|number))\b", re.I)

# "Who ...": the clause naming more actors (capitalised bodies, "by ..." agents) answers it.
_ASKS_ACTOR = re.compile(r"^\s*(?:(?:and|but|so)\s+)?(?:who|whom)\b|\bby whom\b", re.I)
_ACTOR = re.compile(rf"(?<=\S )(?!(?:{MONTHS})\b)[A-Z][a-z]+|\bby\b")
ACTOR_BONUS = 0.1  # per actor word, up to three

_PREAMBLE_VERBS = {
    "acknowledging": "acknowledges", "affirming": "affirms", "appreciating": "appreciates",
    "bearing": "bears", "commending": "commends", "considering": "considers",
    "convinced": "is convinced", "concerned": "is concerned", "conscious": "is conscious",
    "determined": "is determined", "emphasizing": "emphasizes", "encouraging": "encourages",
    "expressing": "expresses", "mindful": "is mindful", "aware": "is aware",
    "noting": "notes", "reaffirming": "reaffirms", "recalling": "recalls",
    "recognizing": "recognizes", "reiterating": "reiterates", "stressing": "stresses",
    "taking": "takes", "underlining": "underlines", "welcoming": "welcomes",
    "deeply": "is deeply", "further": "further", "also": "also", "highlighting": "highlights",
    "underscoring": "underscores", "urging": "urges", "regretting": "regrets",
}


def focus(question: str) -> list[Callable[[str], bool]]:
    """Tests for the kind of thing the question asks for (a date, a figure, a place...)."""
    return [kind.held_by for kind in checks.expected_types(question)]


def tidy(piece: str, first: bool) -> str:
    """The piece without trailing punctuation or a dangling function word, and (unless it opens
    the quote) without a leading conjunction; still a verbatim substring."""
    out = _DANGLING.sub("", piece.strip())
    return out if first else _LEADING.sub("", out)


def select_quote(unit: Unit, hit: Hit | None, question: str) -> str:
    """The words of `unit` that answer `question`: the clauses holding what a focused question
    asks for, else the whole unit when short, else the opening clause (which carries the verb)
    and the clauses that match best. Pieces are joined with ELLIPSIS."""
    parts = clauses(unit.text)
    if len(parts) == 1 or hit is None:
        return unit.text
    cos = dict(hit.clauses)
    q = set(tokens(question))
    tests = focus(question)
    holds = [any(t(p) for t in tests) for p in parts]
    focused = 0 < sum(holds) < len(parts)  # the focus tells the clauses apart
    pointed = focused or bool(_POINTED.search(question))
    if not pointed and len(unit.text.split()) <= SHORT_UNIT_WORDS:
        return unit.text
    scores = [cos.get(p, hit.dense) + 0.5 * (len(q & set(tokens(p))) / len(q) if q else 0.0)
              + (FOCUS_BONUS if focused and h else 0.0) for p, h in zip(parts, holds, strict=True)]
    if _ASKS_ACTOR.search(question):
        scores = [s + ACTOR_BONUS * min(3, len(_ACTOR.findall(p)))
                  for s, p in zip(scores, parts, strict=True)]
    # A lead-in ("... accompany each nomination with:") answers nothing alone: the best of what
    # it introduces is chosen, and the lead-in quoted before it.
    lead_in = parts[0].rstrip().endswith(":")
    rivals = [i for i in range(len(parts)) if i or not lead_in]
    best = max(scores[i] for i in rivals)
    chosen = {i for i in rivals if scores[i] >= best - NEAR}
    if lead_in or not pointed:
        chosen.add(0)
    pieces, start = [], 0
    for i in sorted(chosen):
        at = unit.text.find(parts[i], start)
        pieces.append((at, parts[i]))
        start = at + len(parts[i])
    return ELLIPSIS.join(_joined(unit.text, pieces))


def _joined(text: str, pieces: Sequence[tuple[int, str]]) -> list[str]:
    """Each run of adjacent clauses as one verbatim piece, tidied at both ends."""
    runs: list[tuple[int, int]] = []
    for at, part in pieces:
        end = at + len(part)
        if runs and text[runs[-1][1]:at].strip() == "":
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((at, end))
    return [tidy(text[a:b], a == 0) for a, b in runs if tidy(text[a:b], a == 0)]


def phrase(unit: Unit, quote: str, docs: int = 1) -> str:
    """Frame a verbatim quote as a sentence, with an ellipsis where the unit's text goes on
    before or after it, and end it with the unit's citation marker (naming the document when
    the index holds several)."""
    pieces = quote.split(ELLIPSIS)
    whole = unit.text.rstrip(" ;,:.")
    opens = whole.startswith(pieces[0].rstrip(" ;,:."))
    body = ELLIPSIS.join(pieces).rstrip(" ;,:.")
    if not whole.endswith(pieces[-1].rstrip(" ;,:.")):
        body += f" {CUT}"
    first, _, rest = body.partition(" ")
    if unit.kind == "operative" and not unit.parent and (opens or OPENS_WITH_VERB.match(body)):
        text = f"The Assembly {first.lower()} {rest}"
    elif unit.kind == "preambular" and opens and first.lower() in _PREAMBLE_VERBS:
        text = f"In its preamble, the Assembly {_PREAMBLE_VERBS[first.lower()]} {rest}"
    elif unit.kind == "footnote" and opens:
        text = f"{unit.label} gives the source: {body}"
    else:
        where = "The preamble" if unit.kind == "preambular" and opens else unit.label
        text = f"{where} reads: “{'' if opens else CUT + ' '}{body}”"
    return f"{text} {unit.marker_in(docs)}."


def supported(quote: str, unit: Unit) -> bool:
    """Every quoted piece is the unit's own text."""
    return all(piece in unit.text for piece in quote.split(ELLIPSIS))
