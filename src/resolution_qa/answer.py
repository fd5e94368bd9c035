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
from dataclasses import replace

from . import checks
from .corpus import SYMBOL
from .refs import ASKS_CITED, KIND_HINTS, explicit_refs, last_paragraphs
from .settings import Settings
from .span import ELLIPSIS, phrase, select_quote, supported
from .types import Answer, Citation, Hit, Sentence, Unit, unit_key

# The runner-up may answer a typed question ("how many ...") when it scores this share of the
# top unit and holds the kind of thing asked for.
TYPED_SHARE = 0.75
# Below this cosine between the question and every unit that could be cited, nothing is quoted.
MIN_COSINE = 0.15

_INSTRUCTION = re.compile(
    r"\b(ignore|disregard|forget)\b.{0,40}\b(instructions?|prompts?|rules|above)\b"
    r"|\b(system prompt|you are now|act as|pretend to be|jailbreak)\b", re.I | re.S)


class InputError(ValueError):
    """The question cannot be asked as it is; the message says what to change."""


def visible(text: str) -> str:
    """The text as it is searched: control characters (newlines, tabs) become spaces, format
    characters (a right-to-left override, a zero-width space) go, as they would reverse or hide
    what is shown."""
    out = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text
                  if unicodedata.category(c) != "Cf")
    return re.sub(r"\s+", " ", out).strip()


def check_question(text: str | None, max_chars: int) -> tuple[str, list[str]]:
    """Return the question cleaned of control characters, and warnings for the user."""
    warnings: list[str] = []
    raw = text or ""
    cleaned = visible(raw)
    if not cleaned:
        raise InputError("the question is empty: type a question about the resolution")
    if not any(c.isalnum() for c in cleaned):  # "?!?!": nothing to search for
        raise InputError("the question has no words, only punctuation or symbols: type a "
                         "question about the resolution in words")
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
                if not any(kind.held_by(h.unit.text, question) for h in chosen):
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
            typed = [h for h in chosen if kind.held_by(h.unit.text, question)]
            if not typed:  # the runner-up may hold it, when it scores nearly as well
                typed = [h for h in hits[1:2] if h.score >= TYPED_SHARE * top
                         and evidence(h) >= self.min_relevance
                         and kind.held_by(h.unit.text, question)]
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
        # What to cite is judged on the scores before the answer-type bonus (retrieve.py),
        # which orders what is shown: a unit holding some figure is no answer to "how much"
        # for that alone.
        named = set(explicit_refs(query, self.last, set(self.docs)))
        plain = sorted((replace(h, score=h.score - h.typed, typed=0.0) for h in hits),
                       key=lambda h: (h.unit.id in named, h.score), reverse=True)
        chosen, reason = self.choose(query, plain)
        if not chosen:
            text = f"The resolution does not address this question: {reason}"
            return Answer(question=question, answer=text, citations=[], retrieved=list(hits),
                          grounded=False, sentences=[Sentence(text, [], True)],
                          warnings=list(warnings), searched=query)
        citations, sentences = [], []
        # Cite in document order: the answer then reads like the resolution does.
        order = {u.key: i for i, u in enumerate(self.units)}
        for hit in sorted(chosen, key=lambda h: order.get(h.unit.key, 0)):
            quote = select_quote(hit.unit, hit, question)
            unit = self.narrowest(hit, quote)
            if unit is not hit.unit and quote not in unit.text:
                quote = unit.text
            citations.append(Citation(doc=unit.doc, para=unit.id, quote=quote))
            sentences.append(Sentence(phrase(unit, quote, len(self.docs)), [unit.id],
                                      supported(quote, unit)))
        return Answer(question=question, answer=" ".join(s.text for s in sentences),
                      citations=citations, retrieved=list(hits), grounded=True,
                      sentences=sentences, warnings=list(warnings), searched=query)
