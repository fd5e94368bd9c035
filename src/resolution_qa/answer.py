"""Answers: question checks, the extractive answerer, citation checking.

The default answerer uses no language model. It quotes the clauses of the best units that bear
on the question, frames them so they read as sentences ("The Assembly expresses ..."), and ends
each sentence with its citation marker. Every quoted word comes from the cited unit, which
`supported` verifies, so an LLM answerer can later be held to the same check.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from . import rules
from .corpus import SYMBOL, clauses, document_refs, provision_refs, session_refs
from .lexicon import Foreign, term_pattern
from .retrieve import ASKS_CITED, KIND_HINTS, explicit_refs, tokens
from .types import Answer, Citation, Hit, Sentence, Unit

ELLIPSIS = " ... "
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
    best = max(scores)
    chosen = {0} | {i for i, s in enumerate(scores) if s >= best - 0.05}
    pieces = []
    for run in _runs(sorted(chosen)):
        start = unit.text.find(parts[run[0]])
        end = unit.text.find(parts[run[-1]], start) + len(parts[run[-1]])
        pieces.append(unit.text[start:end])
    return ELLIPSIS.join(pieces)


def phrase(unit: Unit, quote: str) -> str:
    """Frame a verbatim quote as a sentence and end it with the unit's citation marker."""
    body = quote.rstrip(" ;,:.")
    if unit.kind == "operative":
        first, _, rest = body.partition(" ")
        body = f"The Assembly {first.lower()} {rest}"
    elif unit.kind == "preambular":
        first, _, rest = body.partition(" ")
        verb = _PREAMBLE_VERBS.get(first.lower())
        body = (f"In its preamble, the Assembly {verb} {rest}" if verb
                else f"The preamble reads: “{body}”")
    elif unit.kind == "footnote":
        body = f"{unit.label} gives the source: {body}"
    return f"{body} {unit.marker}."


def supported(quote: str, unit: Unit) -> bool:
    return all(piece in unit.text for piece in quote.split(ELLIPSIS))


class ExtractiveAnswerer:
    """Cites the units that clear the relevance bar; refuses when none does."""

    def __init__(self, min_relevance: float, max_cited: int = 3, relative: float = 0.8,
                 known_symbols: frozenset[str] = frozenset(),
                 off_topic_margin: float = 0.13, last: dict[str, str] | None = None,
                 foreign: Foreign | None = None, units: Sequence[Unit] = ()) -> None:
        self.min_relevance = min_relevance
        self.units = list(units)  # all indexed units: inventories of the text cite any of them
        # What no indexed unit mentions (lexicon.py): persons as written, topic terms in any case.
        self.foreign = foreign or Foreign()
        self._persons = term_pattern(self.foreign.persons, case=True)
        self._terms = term_pattern(self.foreign.terms)
        self._term_topic = {t.lower(): about for t, about in self.foreign.terms.items()}
        self.last = last or {}  # "the last paragraph", "the footnote" (last_paragraphs)
        self.off_topic_margin = off_topic_margin
        # Documents the index rules.holds or its units cite, and the provisions ("article 93") and
        # sessions ("session 12") they cite: a question about any other is about a text this
        # index cannot speak for.
        self.known_symbols = known_symbols
        self.max_cited = max_cited
        self.relative = relative  # a further unit is cited if its score is this share of the top

    def choose(self, question: str, hits: Sequence[Hit]) -> tuple[list[Hit], str]:
        """The units to cite, or none and the reason the resolution does not answer."""
        named = set(explicit_refs(question, self.last, {h.unit.doc for h in hits}))
        chosen = [h for h in hits if h.unit.id in named]
        if chosen:  # the paragraphs the asker names, if they hold the kind of thing asked for
            counted = rules.counted_things(question)
            for name, has in rules.expected_types(question):
                if not any(rules.holds(h.unit.text, name, has, counted) for h in chosen):
                    return [], f"{self._where(hits)} gives no {name} for it."
            return chosen[: self.max_cited], ""
        if rules.ASKS_DATES_IN_TEXT.search(question) and hits:
            dated = self.holding(hits[0].unit.doc, "calendar date")
            if dated:
                return dated, ""
        reason = self.refusal(question, hits)
        if reason:
            return [], reason
        top = hits[0].score
        chosen = [h for i, h in enumerate(hits[: self.max_cited])
                  if i == 0 or (h.score >= self.relative * top
                                and evidence(h) >= self.min_relevance)]
        counted = rules.counted_things(question)
        for name, has in rules.expected_types(question):  # only units holding what was asked answer
            typed = [h for h in chosen if rules.holds(h.unit.text, name, has, counted)]
            if not typed:  # the runner-up may hold it, when it scores nearly as well
                typed = [h for h in hits[1:2] if h.score >= rules.TYPED_SHARE * top
                         and evidence(h) >= self.min_relevance
                         and rules.holds(h.unit.text, name, has, counted)]
            if not typed and name in rules.DATE_TYPES and rules.ASSEMBLY_ACT.search(question):
                # the text's own date, with the paragraph on what the Assembly did
                dated = [h for h in hits if h.unit.kind == "title"
                         and rules.holds(h.unit.text, name, has, counted)][:1]
                typed = dated + chosen[:1] if dated else []
            chosen = typed
            if not chosen:
                return [], f"{self._where(hits)} gives no {name} for it."
        return chosen, ""

    @staticmethod
    def _where(hits: Sequence[Hit]) -> str:
        doc = hits[0].unit if hits else None
        return f"{doc.doc} ({doc.doc_title})" if doc else "the indexed resolution"

    def refusal(self, question: str, hits: Sequence[Hit]) -> str:
        """Why the indexed text does not answer the question, or "" when it may."""
        where = self._where(hits)
        foreign = self.foreign_symbols(question)
        if foreign:
            return f"it asks about {foreign[0]}, and only {where} is indexed here."
        content = rules.ASKS_CONTENT.search(question)
        title = hits[0].unit.doc_title.lower() if hits else ""
        doc, kind = (rules.named_group(content, "doc"), rules.named_group(content, "kind")) \
            if content else ("", "")
        if content and kind.lower() not in title and not re.search(
                r"\b(this|the|present) (resolution|text)\b", doc, re.I) and \
                not re.fullmatch(r"(this|the|present)?\s*resolution", doc.strip(), re.I):
            # (unless the indexed text is itself such a declaration or set of recommendations)
            cites = any(kind.lower() in h.unit.text.lower() for h in hits)
            return f"it asks for the content of the {doc}, which {where} " + \
                ("refers to but does not reproduce." if cites else "does not reproduce.")
        if (elsewhere := rules.SET_OUT_IN.search(question)) and elsewhere.group(1) not in \
                {h.unit.doc for h in hits} and not rules.HOW_MANY.search(question) and \
                not rules.ASKS_WHAT_THIS_TEXT_DOES.search(question):
            return f"it asks for the content of {elsewhere.group(1)}, which {where} refers to " \
                   "but does not reproduce."
        later = self.later_session(question, hits)
        if later and (rules.OUTCOME.search(question) or rules.HAPPENED_AT.search(question)):
            return f"it asks what happened at {later}, held after {where} was adopted, which " \
                   "it cannot report."
        if rules.OUTCOME.search(question) and \
                not re.search(r"\b(assembly|resolution)\b", question, re.I):
            return f"it asks how something turned out, which {where}, adopted before, cannot say."
        if rules.REPORT_FINDINGS.search(question) and hits and \
                rules.REQUESTS_REPORT.search(hits[0].unit.text):
            return f"it asks what a report that {where} requests found, which a text adopted " \
                   "before that report cannot say."
        for pattern, asks in rules.ASKS_WHAT_TEXTS_DO_NOT_SAY:
            if pattern.search(question):
                return f"it asks {asks}, which {where} does not say."
        if wording := rules.ASKS_WORDING.search(question):
            provision = next(g for g in wording.groups() if g)
            return f"it asks for the wording of {provision}, which {where} does not reproduce."
        uncited = self.uncited_provisions(question)
        if uncited:
            return f"it asks about {uncited[0]}, which {where} does not cite."
        if many := rules.ASKS_MANY.search(question):
            items = many.group("many") or many.group("each").removeprefix("each of the ")
            return f"it asks for the {items} themselves, which {where} refers to but does not " \
                   "set out."
        for person in self._persons.finditer(question):
            if not rules.AS_EXAMPLE.search(question[:person.start()]):
                return f"it asks about {person.group(1)}, which {where} does not mention."
        asked = rules.focus(question)
        if (term := self._topic_term(asked)) and (
                self.best_evidence(hits) < rules.STRONG_EVIDENCE or rules.ABOUT.search(
                    asked[:term.start()])):
            return f"it concerns {self._term_topic[term.group(1).lower()]}, which {where} does " \
                   "not deal with."
        if not hits or (self.best_evidence(hits) < self.min_relevance
                        and not self.asks_about_the_text(question, hits)) or \
                max(h.dense for h in hits[: self.max_cited]) < rules.MIN_COSINE:
            return f"nothing in {where} bears on it closely enough to quote."
        topic = self.off_topic(hits)
        if topic:
            return f"it concerns {topic}, which {where} does not deal with."
        return ""

    def holding(self, doc: str, name: str) -> list[Hit]:
        """Every unit of `doc` holding an answer of type `name`, in document order, as hits."""
        has = rules.ANSWER_TYPES[name][1]
        return [Hit(unit=u, score=0.0) for u in self.units
                if u.doc == doc and rules.holds(u.text, name, has, frozenset())]

    @staticmethod
    def asks_about_the_text(question: str, hits: Sequence[Hit]) -> bool:
        """A question on the text itself rather than in its words, which the unit ranked first
        answers below the relevance bar: "list the earlier resolutions it cites" (a paragraph
        citing documents) or "what heading does it carry" (the title block)."""
        top = hits[0].unit
        return bool(ASKS_CITED.search(question) and SYMBOL.search(top.text)) or \
            (top.kind == "title" and bool(KIND_HINTS["title"].search(question)))

    def _topic_term(self, asked: str) -> re.Match[str] | None:
        """The first term of an off-index topic the question uses as its subject: not one in
        the asker's setting ("before the judges", "as a retired judge"), given as an example,
        or used figuratively ("verdict on how well", "judges and staff")."""
        return next((t for t in self._terms.finditer(asked)
                     if not rules.SETTING.search(asked[:t.start()])
                     and not rules.AS_EXAMPLE.search(asked[:t.start()])
                     and not rules.FIGURATIVE.match(asked, t.end())), None)

    def best_evidence(self, hits: Sequence[Hit]) -> float:
        """The strongest evidence among the units an answer could cite."""
        return max((evidence(h) for h in hits[: self.max_cited]), default=-1.0)

    def off_topic(self, hits: Sequence[Hit]) -> str:
        """The topic a question is about when it lies nearer a topic the index does not hold
        (data/off_topics.json) than to any unit of the index, by more than the margin."""
        if not hits or not hits[0].off_topic_label:
            return ""
        if hits[0].off_topic > self.off_topic_margin:
            return hits[0].off_topic_label
        return ""

    def foreign_symbols(self, question: str) -> list[str]:
        """Document symbols (or sessions, "ASP13") in the question that the index neither
        rules.holds nor cites."""
        if not self.known_symbols:
            return []
        return [s for s in document_refs(question)  # "ASP/11" is part of "ICC-ASP/11/Res.5"
                if not any(s == k or f"-{s}" in k or f"{s}/" in k for k in self.known_symbols)] + \
            [m.group(0) for m in rules.SESSION.finditer(question)
             if f"session {m.group(1)}" not in self.known_symbols]

    @staticmethod
    def later_session(question: str, hits: Sequence[Hit]) -> str:
        """A session the question names that met after the top hit's document was adopted
        (its symbol says at which session: "ICC-ASP/11/Res.5"), or ""."""
        own = session_refs(hits[0].unit.doc) if hits else []
        if not own:
            return ""
        adopted = int(own[0].split()[-1])
        named = session_refs(question) + [f"session {m.group(1)}"
                                          for m in rules.SESSION.finditer(question)]
        return next((s for s in named if int(s.split()[-1]) > adopted), "")

    def uncited_provisions(self, question: str) -> list[str]:
        """Provisions whose wording the question asks for and no indexed unit cites."""
        if not self.known_symbols:
            return []
        return [p for m in rules.ASKS_PROVISION.finditer(question)
                for p in provision_refs(next(g for g in m.groups() if g))
                if p not in self.known_symbols]

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
        order = {h.unit.key: i for i, h in enumerate(hits)}
        for hit in sorted(chosen, key=lambda h: _doc_position(h.unit, order)):
            quote = select_quote(hit.unit, hit, query)
            citations.append(Citation(doc=hit.unit.doc, para=hit.unit.id, quote=quote))
            sentences.append(Sentence(phrase(hit.unit, quote), [hit.unit.id],
                                      supported(quote, hit.unit)))
        return Answer(question=question, answer=" ".join(s.text for s in sentences),
                      citations=citations, retrieved=list(hits), grounded=True,
                      sentences=sentences, warnings=list(warnings), searched=query)


def _doc_position(unit: Unit, fallback: dict[str, int]) -> tuple[int, int]:
    rank = {"title": 0, "preambular": 1, "operative": 2, "footnote": 3}.get(unit.kind, 9)
    digits = "".join(c for c in unit.id if c.isdigit())
    return rank, int(digits) if digits else fallback.get(unit.key, 0)
