"""Follow-up questions in a conversation: what to search for when a question leans on the turn
before it ("When were they held?").

A follow-up is searched together with the last *standalone* question of the thread, never with
the follow-ups in between (so the searched text never grows) and never with a refused or failed
turn (there is nothing there to lean on). A question that names something of its own to search
for stands alone, even when it opens with "and".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .lexical import tokens
from .refs import explicit_refs
from .types import Answer

# Words that point back to the previous turn: pronouns and determiners without their noun.
_POINTER = re.compile(r"\b(they|them|their|theirs|it|its|this|that|these|those|he|she|him|his|"
                      r"her|hers|there|then|such|same|former|latter|above|said)\b", re.I)
# An opening that continues the previous question: "And ...", "What about ...", "Why?".
_CONTINUES = re.compile(r"^\s*(and|but|also|so|or|plus|what about|how about|then|why|how so|"
                        r"since when|until when|by whom|who else|anything else|more)\b", re.I)
# A question with this many content words of its own names what it asks about.
OWN_WORDS = 3


@dataclass(frozen=True)
class Turn:
    """One question of a conversation, and its answer (None when it could not be asked)."""

    question: str  # as asked, cleaned of control and format characters
    answer: Answer | None
    root: str  # the standalone question this turn's search leaned on (its own, if standalone)


def depends(question: str) -> bool:
    """True when the question has too little of its own to search for and points back:
    "When were they held?", "And the deadline?", "Why?". "What is paragraph 3" and "And what
    does it say about witness relocation?" stand alone."""
    if explicit_refs(question):
        return False
    own = tokens(_POINTER.sub(" ", question))
    if len(own) >= OWN_WORDS:
        return False
    return len(own) <= 1 or bool(_POINTER.search(question) or _CONTINUES.match(question))


def contextualize(question: str, turns: Sequence[Turn]) -> tuple[str, str]:
    """The text to search for, and the standalone question the thread now rests on."""
    prev = turns[-1] if turns else None
    if prev is None or prev.answer is None or not prev.answer.grounded \
            or not depends(question):
        return question, question
    return f"{prev.root} {question}", prev.root
