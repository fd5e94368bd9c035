"""`eval --llm`: the extractive and the generative answerer side by side, on the same questions
and the same retrieved units, so the difference is the answerer's alone."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .answer import check_question
from .evaluate import Item, paragraph_keys
from .generate import INVENTED
from .pipeline import Pipeline
from .types import Answer, unit_key

FIGURES = ("citation_precision", "citation_recall", "sentences_supported", "invented_removed",
           "fallbacks", "refusal_accuracy", "answerable_refused", "seconds_per_answer")


@dataclass
class Tally:
    name: str
    precision: list[float]
    recall: list[float]
    supported: list[float]
    refusals: list[float]
    invented: int = 0
    fallbacks: int = 0
    false_refusals: int = 0
    seconds: float = 0.0
    answers: int = 0

    def add(self, answer: Answer, expected: set[str], para: dict[str, str], seconds: float) -> None:
        cited = {para.get(unit_key(c.doc, c.para), unit_key(c.doc, c.para))
                 for c in answer.citations}
        self.answers += 1
        self.seconds += seconds
        if expected:
            self.precision.append(len(expected & cited) / len(cited) if cited else 0.0)
            self.recall.append(len(expected & cited) / len(expected))
            self.false_refusals += not answer.grounded
        else:
            self.refusals.append(float(not answer.grounded))
        if answer.grounded and answer.sentences:
            self.supported.append(sum(s.supported for s in answer.sentences)
                                  / len(answer.sentences))
        for w in answer.warnings:
            if w.startswith(INVENTED):
                self.invented += len(w[len(INVENTED):].split(", "))
            if "showing the extractive answer" in w:
                self.fallbacks += 1

    def figures(self) -> dict[str, float]:
        def mean(v: list[float]) -> float:
            return sum(v) / len(v) if v else 0.0
        return {"citation_precision": mean(self.precision), "citation_recall": mean(self.recall),
                "sentences_supported": mean(self.supported),
                "invented_removed": float(self.invented), "fallbacks": float(self.fallbacks),
                "refusal_accuracy": mean(self.refusals),
                "answerable_refused": float(self.false_refusals),
                "seconds_per_answer": self.seconds / max(1, self.answers)}


def compare(pipeline: Pipeline, items: Sequence[Item], progress: bool = True
            ) -> dict[str, dict[str, float]]:
    """Figures per answerer ("extractive", "llm") over the same questions."""
    from tqdm import tqdm

    if pipeline.generator is None:
        raise ValueError("no model configured: give --llm to compare answerers")
    para = paragraph_keys(pipeline.units)
    tallies = [Tally("extractive", [], [], [], []), Tally("llm", [], [], [], [])]
    for item in tqdm(items, desc="comparing answerers", unit=" q", disable=not progress,
                     leave=False):
        question, warnings = check_question(item.question, pipeline.settings.max_question_chars)
        hits = pipeline.retriever.search(question, pipeline.settings.mode,
                                         pipeline.settings.top_k, doc=item.doc)
        expected = {para.get(k, k) for k in item.expected}
        answerers: list[Any] = [pipeline.answerer, pipeline.generator]
        for tally, answerer in zip(tallies, answerers, strict=True):
            start = time.perf_counter()
            answer = answerer.answer(question, hits, warnings=warnings)
            tally.add(answer, expected, para, time.perf_counter() - start)
    return {t.name: t.figures() for t in tallies}
