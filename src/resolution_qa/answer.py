"""Answers: question checks, the extractive answerer, citation checking.

The default answerer uses no language model. It quotes the clauses of the best units that bear
on the question, frames them so they read as sentences ("The Assembly expresses ..."), and ends
each sentence with its citation marker. Every quoted word comes from the cited unit, which
`supported` verifies, so an LLM answerer can later be held to the same check.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

from . import checks
from .corpus import SYMBOL, clauses
from .retrieve import ASKS_CITED, KIND_HINTS, explicit_refs, last_paragraphs, tokens
from .settings import Settings
from .types import Answer, Citation, Hit, Sentence, Unit, unit_key

ELLIPSIS = " ... "
# The runner-up may answer a typed question ("how many ...") when it scores this share of the
# top unit and holds the kind of thing asked for.
TYPED_SHARE = 0.75
# Below this cosine between the question and every unit that could be cited, nothing is quoted.
MIN_COSINE = 0.15
SHORT_UNIT_WORDS = 45  # a paragraph this short is quoted whole: cutting it loses its sense

_INSTRUCTION = re.compile(
    r"\b(ignore|disregard|forget)\b.{0,40}\b(instructions?|prompts?|rules|above)\b"
    r"|\b(system prompt|you are now|act as|pretend to be|jailbreak)\b", re.I | re.S)

# Preambular paragraphs open with a participle or adjective; as a sentence, the Assembly does it.
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


class InputError(ValueError):
    """The question cannot be asked as it is; the message says what to change."""


def check_question(text: str | None, max_chars: int) -> tuple[str, list[str]]:
    """Return the question cleaned of control characters, and warnings for the user."""
    warnings: list[str] = []
    raw = text or ""
    cleaned = "".join(" " if unicodedata.category(c) in ("Cc", "Cf") else c for c in raw)
    cleaned = re.sub(r"\s+", " ", cleaned).strip()
    if not cleaned:
        raise InputError("the question is empty: type a question about the resolution")
    if len(cleaned) > max_chars:
        raise InputError(f"the question is {len(cleaned):,} characters long; the limit is "
                         f"{max_chars:,}: shorten it to the point you want answered")
    if any(unicodedata.category(c) in ("Cc", "Cf") and c not in "\n\t\r " for c in raw):
        warnings.append("control characters in the question were ignored")
    letters = [c for c in cleaned if c.isalpha()]
    if letters and sum(c.isascii() for c in letters) / len(letters) < 0.5:
        warnings.append("the resolution is in English; questions in other languages or "
                        "scripts may not find what they ask for")
    if _INSTRUCTION.search(cleaned):
        warnings.append("instructions inside a question are not followed: answers only quote "
                        "the resolution")
    return cleaned, warnings


def evidence(hit: Hit) -> float:
    """How strongly a unit bears on the question, on its own terms (not relative to the other
    units): similarity of the whole paragraph (a short generic clause such as "encourages the
    Court to continue its work" matches any question about the Court, so clauses rank but do
    not vouch), plus the share of the question's rarer words it contains, less the share the
    resolution never uses. Weights fitted on eval/questions.jsonl so that none of its
    answerable questions is refused (README, Evaluation)."""
    return hit.whole + 0.75 * hit.coverage - 0.75 * hit.unseen


def _runs(indices: Sequence[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in sorted(indices):
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def select_quote(unit: Unit, hit: Hit | None, question: str) -> str:
    """The words of `unit` the answer relies on: the whole unit when short, else the clauses
    that match the question best, with the opening clause that carries the verb."""
    parts = clauses(unit.text)
    if len(parts) == 1 or len(unit.text.split()) <= SHORT_UNIT_WORDS or hit is None:
        return unit.text
    cos = dict(hit.clauses)
    q = set(tokens(question))
    scores = []
    for part in parts:
        overlap = len(q & set(tokens(part))) / len(q) if q else 0.0
        scores.append(cos.get(part, hit.dense) + 0.5 * overlap)
    # A lead-in ("... accompany each nomination with:") is always quoted but answers nothing
    # alone: the best of what it introduces is chosen beside it.
    rivals = [i for i in range(len(parts)) if i or not parts[0].rstrip().endswith(":")]
    best = max(scores[i] for i in rivals)
    chosen = {0} | {i for i in rivals if scores[i] >= best - 0.05}
    pieces = []
    for run in _runs(sorted(chosen)):
        start = unit.text.find(parts[run[0]])
        end = unit.text.find(parts[run[-1]], start) + len(parts[run[-1]])
        pieces.append(unit.text[start:end])
    return ELLIPSIS.join(pieces)


def phrase(unit: Unit, quote: str, docs: int = 1) -> str:
    """Frame a verbatim quote as a sentence and end it with the unit's citation marker (naming
    the document when the index holds several)."""
    body = quote.rstrip(" ;,:.")
    if unit.kind == "operative" and not unit.parent:
        first, _, rest = body.partition(" ")
        body = f"The Assembly {first.lower()} {rest}"
    elif unit.kind == "preambular":
        first, _, rest = body.partition(" ")
        verb = _PREAMBLE_VERBS.get(first.lower())
        body = (f"In its preamble, the Assembly {verb} {rest}" if verb
                else f"The preamble reads: “{body}”")
    elif unit.kind == "footnote":
        body = f"{unit.label} gives the source: {body}"
    elif unit.parent or unit.kind == "annex":
        body = f"{unit.label} reads: “{body}”"
    return f"{body} {unit.marker_in(docs)}."


def supported(quote: str, unit: Unit) -> bool:
    return all(piece in unit.text for piece in quote.split(ELLIPSIS))


class ExtractiveAnswerer:
    """Cites the units that clear the relevance bar; refuses when none does, or when the
    question asks for something the retrieved text cannot hold (checks.py)."""

    def __init__(self, settings: Settings, units: Sequence[Unit], relative: float = 0.8,
                 rare: Callable[[str], bool] = lambda word: False) -> None:
        self.min_relevance = settings.min_relevance
        self.max_cited = settings.max_cited
        self.relative = relative  # a further unit is cited if its score is this share of the top
        self.units = list(units)
        self.docs = sorted({u.doc for u in self.units})
        self.children: dict[str, list[Unit]] = {}
        for u in self.units:
            if u.parent:
                self.children.setdefault(unit_key(u.doc, u.parent), []).append(u)
        self.last = last_paragraphs(self.units)
        # Documents, provisions and sessions the index holds or cites: a question about any
        # other is about a text this index cannot speak for.
        self.known = checks.known_references([u.text for u in self.units], self.docs)
        self.words: dict[str, set[str]] = {}  # each document's words, lower case
        for u in self.units:
            self.words.setdefault(u.doc, set()).update(re.findall(r"[a-z]+", u.text.lower()))
        self.rare = rare  # a word the embedding model's vocabulary does not hold whole
        self.titles = sorted({u.doc_title for u in self.units})
        self.common = {d: checks.common_names([u.text for u in self.units if u.doc == d])
                       for d in self.docs}

    def where(self, hits: Sequence[Hit]) -> str:
        if len(self.docs) == 1 or not hits:
            return (f"{self.docs[0]} ({self.units[0].doc_title})" if self.docs
                    else "the indexed resolution")
        docs = list(dict.fromkeys(h.unit.doc for h in hits[: self.max_cited]))
        return docs[0] if len(docs) == 1 else "the indexed resolutions"

    def choose(self, question: str, hits: Sequence[Hit]) -> tuple[list[Hit], str]:
        """The units to cite, or none and the reason the text does not answer."""
        where = self.where(hits)
        named = set(explicit_refs(question, self.last, set(self.docs)))
        chosen = [h for h in hits if h.unit.id in named]
        if chosen:  # the paragraphs the asker names, if they hold the kind of thing asked for
            for kind in checks.expected_types(question):
                if not any(kind.held_by(h.unit.text) for h in chosen):
                    return [], f"{where} gives no {kind.name} for it."
            return chosen[: self.max_cited], ""
        listed = checks.inventory(question)
        if listed is not None and hits:  # every unit of the document holding one, in order
            found = [Hit(unit=u, score=0.0) for u in self.units if u.doc == hits[0].unit.doc
                     and not u.parent and listed.held_by(u.text)]
            if found:
                return found, ""
        reason = self.refusal(question, hits, where)
        if reason:
            return [], reason
        top = hits[0].score
        chosen = [h for i, h in enumerate(hits[: self.max_cited])
                  if i == 0 or (h.score >= self.relative * top
                                and evidence(h) >= self.min_relevance)]
        if checks.asks_names(question):  # "which countries ...": only a text naming some answers
            chosen = [h for h in chosen if checks.names(h.unit.text, self.common[h.unit.doc],
                                                        question)]
            if not chosen:
                return [], f"{where} gives no names for it."
        for kind in checks.expected_types(question):  # only units holding what was asked answer
            typed = [h for h in chosen if kind.held_by(h.unit.text)]
            if not typed:  # the runner-up may hold it, when it scores nearly as well
                typed = [h for h in hits[1:2] if h.score >= TYPED_SHARE * top
                         and evidence(h) >= self.min_relevance
                         and kind.held_by(h.unit.text)]
            if not typed and kind.name in ("date", "time") and \
                    checks.ASSEMBLY_ACT.search(question):
                # the text's own date, with the paragraph on what the Assembly did
                title = next((u for u in self.units if u.kind == "title"
                              and u.doc == hits[0].unit.doc), None)
                if title is not None and kind.held_by(title.text):
                    typed = [Hit(unit=title, score=top), *chosen[:1]]
            chosen = typed
            if not chosen:
                return [], f"{where} gives no {kind.name} for it."
        return chosen, ""

    def refusal(self, question: str, hits: Sequence[Hit], where: str) -> str:
        """Why the indexed text does not answer the question, or "" when it may."""
        foreign = checks.foreign_documents(question, self.known)
        if foreign:
            return f"it asks about {foreign[0]}, which the index neither holds nor cites."
        cited = checks.cited_document(question, hits, self.docs, self.titles)
        if cited:
            return f"it asks for the content of {cited}, which {where} refers to but does " \
                   "not reproduce."
        uncited = checks.uncited_provisions(question, self.known)
        if uncited:
            return f"it asks about {uncited[0]}, which {where} does not cite."
        names = checks.unknown_names(question, [self.words[d] for d in
                                                {h.unit.doc for h in hits[: self.max_cited]}],
                                     self.rare)
        if names:
            return f"it asks about {names[0]}, whom or which {where} does not mention."
        many = checks.many_items(question, hits)
        if many:
            return f"it asks for the {many} themselves, which {where} refers to but does not " \
                   "set out."
        later = checks.later_session(question, hits)
        if later:
            return f"it asks what happened at {later}, held after {where} was adopted, " \
                   "which it cannot report."
        if checks.asks_now(question):
            return f"it asks how things stand now, which {where}, adopted before, cannot say."
        if checks.asks_outcome(question):
            return f"it asks how something turned out, which {where}, adopted before, " \
                   "cannot say."
        if not hits or (self.best_evidence(hits) < self.min_relevance
                        and not self.asks_about_the_text(question, hits)) or \
                max(h.dense for h in hits[: self.max_cited]) < MIN_COSINE:
            return f"nothing in {where} bears on it closely enough to quote."
        return ""

    @staticmethod
    def asks_about_the_text(question: str, hits: Sequence[Hit]) -> bool:
        """A question on the text itself rather than in its words, which the unit ranked first
        answers below the relevance bar: "list the earlier resolutions it cites" (a paragraph
        citing documents) or "what heading does it carry" (the title block)."""
        if not hits:
            return False
        top = hits[0].unit
        return (bool(ASKS_CITED.search(question)) and bool(SYMBOL.search(top.text))) or \
            (top.kind == "title" and bool(KIND_HINTS["title"].search(question)))

    def best_evidence(self, hits: Sequence[Hit]) -> float:
        """The strongest evidence among the units an answer could cite."""
        return max((evidence(h) for h in hits[: self.max_cited]), default=-1.0)

    def narrowest(self, hit: Hit, quote: str) -> Unit:
        """The sub-paragraph ("2(b)") that holds the whole quote, else the paragraph."""
        pieces = quote.split(ELLIPSIS)
        if len(pieces) > 1 and pieces[0].rstrip().endswith(":"):
            pieces = pieces[1:]  # the lead-in of the sub-paragraphs quoted
        pieces = [re.sub(r"^(\([a-z]+\)\s*)+", "", p) for p in pieces]  # "(d) " is the child's id
        for child in self.children.get(hit.unit.key, []):
            if all(p in child.text for p in pieces) or all(child.text in p for p in pieces):
                return child
        return hit.unit

    def answer(self, question: str, hits: Sequence[Hit], *, searched: str | None = None,
               warnings: Sequence[str] = ()) -> Answer:
        query = searched or question
        chosen, reason = self.choose(query, hits)
        if not chosen:
            text = f"The resolution does not address this question: {reason}"
            return Answer(question=question, answer=text, citations=[], retrieved=list(hits),
                          grounded=False, sentences=[Sentence(text, [], True)],
                          warnings=list(warnings), searched=query)
        citations, sentences = [], []
        # Cite in document order: the answer then reads like the resolution does.
        order = {u.key: i for i, u in enumerate(self.units)}
        for hit in sorted(chosen, key=lambda h: order.get(h.unit.key, 0)):
            quote = select_quote(hit.unit, hit, query)
            unit = self.narrowest(hit, quote)
            if unit is not hit.unit and quote not in unit.text:
                quote = unit.text
            citations.append(Citation(doc=unit.doc, para=unit.id, quote=quote))
            sentences.append(Sentence(phrase(unit, quote, len(self.docs)), [unit.id],
                                      supported(quote, unit)))
        return Answer(question=question, answer=" ".join(s.text for s in sentences),
                      citations=citations, retrieved=list(hits), grounded=True,
                      sentences=sentences, warnings=list(warnings), searched=query)
