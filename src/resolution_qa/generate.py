"""Generative answers: a language model writes the answer, and every citation is checked.

The extractive answer is computed first, always: its general checks (an answer type the text
lacks, a later session, another document's content) still refuse, and it is the answer shown
whenever the model fails or none of its sentences is supported. Otherwise the model's "no" to
"do these units answer the question?" refuses, and its answer is read sentence by sentence:
invented citations are removed with a warning, and each sentence is marked supported or not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .answer import ExtractiveAnswerer
from .embed import Embedder
from .llm import LLM, LLMError, fill
from .support import SupportModel, features
from .types import Answer, Citation, Hit, Sentence, Unit, citation_marker
from .verify import read_sentence, split_sentences

REFUSAL = "The resolution does not address this question"
INVENTED = "removed citations of units the model was not given: "


def units_block(hits: Sequence[Hit], docs: int) -> str:
    """The retrieved units as the model sees them: marker, document, label, text."""
    return "\n".join(f"{citation_marker(h.unit.id, h.unit.doc if docs > 1 else None)} "
                     f"({h.unit.doc}, {h.unit.label}) {h.unit.text}" for h in hits)


class GenerativeAnswerer:
    def __init__(self, llm: LLM, prompts: dict[str, str], extractive: ExtractiveAnswerer,
                 embedder: Embedder, support: SupportModel) -> None:
        self.llm = llm
        self.prompts = prompts
        self.extractive = extractive
        self.embedder = embedder
        self.support = support
        self.docs = len(extractive.docs)

    def supported(self, sentence: str, units: Sequence[Unit],
                  memo: dict[tuple[str, tuple[str, ...]], bool] | None = None) -> bool:
        """Whether the cited units state the sentence (never, when it cites none). `memo`
        keeps the verdicts of one answer, so a sentence checked while it streamed is not
        embedded again in the final check."""
        key = (sentence, tuple(sorted(u.key for u in units)))
        if memo is not None and key in memo:
            return memo[key]
        ok = bool(units) and self.support.supports(
            features(self.embedder, sentence, [u.text for u in units]))
        if memo is not None:
            memo[key] = ok
        return ok

    def answer(self, question: str, hits: Sequence[Hit], *, searched: str | None = None,
               warnings: Sequence[str] = (),
               on_text: Callable[[str, list[tuple[str, bool]]], None] | None = None) -> Answer:
        """`on_text` receives the model's text as it streams, with each sentence completed so
        far and whether it is supported (the chat shows both)."""
        base = self.extractive.answer(question, hits, searched=searched, warnings=warnings)
        if not base.grounded:  # the general checks refuse before any model is asked
            return base
        query = searched or question
        block = units_block(hits, self.docs)
        try:
            verdict = self.llm.complete(fill(self.prompts["judge"], units=block,
                                             question=query))
            if verdict.strip().upper().startswith("NO"):
                return Answer(question=question, answer=f"{REFUSAL}: the model judged that the "
                              "retrieved paragraphs do not answer it.", citations=[],
                              retrieved=list(hits), grounded=False,
                              sentences=[Sentence(REFUSAL + ".", [], True)],
                              warnings=list(warnings), searched=query)
            text = ""
            done: list[tuple[str, bool]] = []
            memo: dict[tuple[str, tuple[str, ...]], bool] = {}
            given = [h.unit for h in hits]
            for piece in self.llm.stream(fill(self.prompts["answer"], units=block,
                                              question=query)):
                text += piece
                parts = split_sentences(text)
                while len(done) < len(parts) - 1:  # every sentence but the last is complete
                    read = read_sentence(parts[len(done)], given)
                    units = [u for u in given if u.key in read.keys]
                    done.append((parts[len(done)],
                                 self.supported(read.text.rstrip("."), units, memo)))
                if on_text:
                    on_text(text, list(done))
        except LLMError as exc:
            return _fallback(base, f"{exc}: showing the extractive answer instead")
        return self.check(question, text, hits, base, query, memo)

    def rewrite(self, question: str, history: str) -> str | None:
        """A follow-up as a standalone question, or None when the model fails or replies with
        something that is not one question."""
        try:
            reply = self.llm.complete(fill(self.prompts["rewrite"], history=history,
                                           question=question))
        except LLMError:
            return None
        line = reply.strip().splitlines()[0].strip(" \"'") if reply.strip() else ""
        return line if 3 <= len(line) <= 300 else None

    def check(self, question: str, text: str, hits: Sequence[Hit], base: Answer,
              query: str, memo: dict[tuple[str, tuple[str, ...]], bool] | None = None
              ) -> Answer:
        """The model's text, read sentence by sentence against the units it was given."""
        given = [h.unit for h in hits]
        by_key = {u.key: u for u in given}
        warnings = list(base.warnings)
        sentences: list[Sentence] = []
        citations: list[Citation] = []
        invented: list[str] = []
        for raw in split_sentences(text.strip()):
            read = read_sentence(raw, given)
            invented += read.invented
            if not read.text or read.text.startswith(REFUSAL):
                continue
            units = [by_key[k] for k in read.keys]
            body = read.text.rstrip(".")
            ok = self.supported(body, units, memo)
            markers = " ".join(citation_marker(u.id, u.doc if self.docs > 1 else None)
                               for u in units)
            sentences.append(Sentence(f"{body} {markers}." if markers else f"{body}.",
                                      [u.id for u in units], ok))
            for u in units:
                if all(c.para != u.id or c.doc != u.doc for c in citations):
                    citations.append(Citation(doc=u.doc, para=u.id, quote=u.text))
        if invented:
            warnings.append(INVENTED + ", ".join(dict.fromkeys(invented)))
        if not any(s.supported for s in sentences):
            return _fallback(base, "no sentence of the model's answer is supported by the "
                                   "units it cites: showing the extractive answer instead",
                             extra=warnings[len(base.warnings):])
        flagged = sum(not s.supported for s in sentences)
        if flagged:
            warnings.append(f"{flagged} sentence(s) are not supported by the units they cite "
                            "(marked unsupported); check them against the text")
        return Answer(question=question, answer=" ".join(s.text for s in sentences),
                      citations=citations, retrieved=list(hits), grounded=True,
                      sentences=sentences, warnings=warnings, searched=query)


def _fallback(base: Answer, why: str, extra: Sequence[str] = ()) -> Answer:
    return Answer(question=base.question, answer=base.answer, citations=base.citations,
                  retrieved=base.retrieved, grounded=base.grounded, sentences=base.sentences,
                  warnings=[*base.warnings, *extra, why], searched=base.searched)
