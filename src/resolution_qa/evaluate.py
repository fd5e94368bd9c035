"""Retrieval and answer evaluation: metrics per mode, per-question records, reports.

Definitions (k = cut-off, rel = expected units of a question, rank_i = 1-based rank):
  Hit@k        1 if any expected unit is in the top k
  Recall@k     |rel ∩ top k| / |rel|
  Precision@k  |rel ∩ top k| / k
  MRR@10       1 / rank of the first expected unit within the top 10, else 0
  nDCG@10      DCG / ideal DCG, binary gains, DCG = Σ rel_i / log2(i + 1)
Averaged over answerable questions. Refusal accuracy: share of unanswerable questions whose
answer is not grounded. Citation precision/recall: cited units against expected, averaged over
answerable questions (a refused answer cites nothing: precision 0, recall 0).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .pipeline import Pipeline
from .settings import MODES
from .types import Answer, Unit, unit_key

METRICS = ("hit@1", "hit@3", "recall@3", "recall@5", "precision@3", "mrr@10", "ndcg@10")
# The regression guard and the issue's targets for the default (hybrid) mode.
TARGETS = {"hit@1": 0.90, "recall@3": 0.93, "mrr@10": 0.93, "refusal_accuracy": 0.75}


class DatasetError(ValueError):
    pass


@dataclass(frozen=True)
class Item:
    question: str
    expected: tuple[str, ...]  # unit keys ("ICC-ASP/11/Res.5#7")
    line: int
    doc: str | None = None  # the document the line scopes its ids (and retrieval) to


@dataclass
class Record:
    question: str
    expected: list[str]
    mode: str
    ranked: list[str]
    cited: list[str]
    grounded: bool
    doc: str = ""


@dataclass
class ModeResult:
    mode: str
    metrics: dict[str, float]
    records: list[Record] = field(default_factory=list)


def paragraph_keys(units: Sequence[Unit]) -> dict[str, str]:
    """Unit key -> the key retrieval ranks: a sub-paragraph counts as its paragraph."""
    return {u.key: unit_key(u.doc, u.parent) if u.parent else u.key for u in units}


def load_dataset(path: Path, units: Sequence[Unit], doc: str | None = None) -> list[Item]:
    """Read JSONL; every problem is reported with its line number. A line's ids are those of
    its "doc" (or of `doc`, or of the only indexed document)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise DatasetError(f"dataset {path} not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError(f"cannot read dataset {path}: {exc}") from None
    docs = sorted({u.doc for u in units})
    keys = {u.key for u in units}
    items, errors = [], []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"line {n}: not JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("question"), str) \
                or not obj["question"].strip() or not isinstance(obj.get("expected"), list) \
                or not all(isinstance(x, str) for x in obj["expected"]) \
                or not isinstance(obj.get("doc", ""), str):
            errors.append(f"line {n}: want {{\"question\": str, \"expected\": [unit ids], "
                          f"\"doc\"?: symbol}}")
            continue
        scope = obj.get("doc") or doc
        if scope and scope not in docs:
            if doc and obj.get("doc") and obj["doc"] != doc:
                continue  # another document's question: --doc leaves it out
            errors.append(f"line {n}: document {scope} is not indexed")
            continue
        if doc and scope != doc:
            continue
        owner = scope or (docs[0] if len(docs) == 1 else None)
        if owner is None and obj["expected"]:
            errors.append(f"line {n}: several documents are indexed: give \"doc\"")
            continue
        unknown = [x for x in obj["expected"] if unit_key(owner or "", x) not in keys]
        if unknown:
            errors.append(f"line {n}: unknown unit id(s) {', '.join(unknown)}"
                          + (f" in {owner}" if len(docs) > 1 else ""))
            continue
        items.append(Item(obj["question"], tuple(unit_key(owner or "", x)
                                                 for x in obj["expected"]), n, scope))
    if errors:
        more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
        raise DatasetError(f"{path}: " + "; ".join(errors[:5]) + more)
    if not items:
        raise DatasetError(f"{path} has no questions" + (f" for {doc}" if doc else ""))
    return items


def retrieval_metrics(ranked: Sequence[str], expected: Sequence[str]) -> dict[str, float]:
    rel = set(expected)
    first = next((i for i, u in enumerate(ranked[:10], start=1) if u in rel), None)
    dcg = sum(1 / math.log2(i + 1) for i, u in enumerate(ranked[:10], start=1) if u in rel)
    ideal = sum(1 / math.log2(i + 1) for i in range(1, min(len(rel), 10) + 1))
    return {
        "hit@1": float(bool(rel & set(ranked[:1]))),
        "hit@3": float(bool(rel & set(ranked[:3]))),
        "recall@3": len(rel & set(ranked[:3])) / len(rel),
        "recall@5": len(rel & set(ranked[:5])) / len(rel),
        "precision@3": len(rel & set(ranked[:3])) / 3,
        "mrr@10": 1 / first if first else 0.0,
        "ndcg@10": dcg / ideal if ideal else 0.0,
    }


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def score(records: Sequence[Record]) -> dict[str, float]:
    """The metrics of a set of records (one mode; one document or several pooled)."""
    per: dict[str, list[float]] = {m: [] for m in METRICS}
    refusals, false_refusals, cite_p, cite_r = [], 0, [], []
    for r in records:
        if r.expected:
            for name, value in retrieval_metrics(r.ranked, r.expected).items():
                per[name].append(value)
            rel = set(r.expected)
            cite_p.append(len(rel & set(r.cited)) / len(r.cited) if r.cited else 0.0)
            cite_r.append(len(rel & set(r.cited)) / len(rel))
            false_refusals += not r.grounded
        else:
            refusals.append(float(not r.grounded))
    metrics = {name: _mean(vals) for name, vals in per.items()}
    metrics["refusal_accuracy"] = _mean(refusals)
    metrics["answerable_refused"] = float(false_refusals)
    metrics["citation_precision"] = _mean(cite_p)
    metrics["citation_recall"] = _mean(cite_r)
    return metrics


def evaluate_mode(pipeline: Pipeline, items: Sequence[Item], mode: str, top_k: int,
                  tick: Callable[[], None] = lambda: None) -> ModeResult:
    """Ranks and citations compare at the paragraph: a sub-paragraph ("2(b)") counts as its
    paragraph, which is what retrieval ranks."""
    para = paragraph_keys(pipeline.units)
    records = []
    for item in items:
        answer: Answer = pipeline.ask(item.question, mode=mode, top_k=top_k, doc=item.doc,
                                      llm="")  # retrieval's figures; compare.py sets the
        # answerers side by side
        ranked = [para.get(h.unit.key, h.unit.key) for h in answer.retrieved]
        cited = list(dict.fromkeys(para.get(unit_key(c.doc, c.para), unit_key(c.doc, c.para))
                                   for c in answer.citations))
        expected = list(dict.fromkeys(para.get(k, k) for k in item.expected))
        records.append(Record(item.question, expected, mode, ranked, cited, answer.grounded,
                              item.doc or ""))
        tick()
    return ModeResult(mode, score(records), records)


def llama_index_check(results: Sequence[ModeResult]) -> dict[str, dict[str, float]]:
    """Re-score the same rankings with llama-index's RetrieverEvaluator (hit rate, MRR over the
    retrieved list), so our numbers can be compared with the ecosystem's."""
    from llama_index.core.base.base_retriever import BaseRetriever
    from llama_index.core.evaluation import RetrieverEvaluator
    from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

    class Replay(BaseRetriever):
        """Serves the rankings our run produced, as llama-index nodes."""

        def __init__(self, ranked: dict[str, list[str]]) -> None:
            super().__init__()
            self.ranked = ranked

        def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
            ids = self.ranked[query_bundle.query_str]
            return [NodeWithScore(node=TextNode(id_=u, text=u), score=1.0 / (i + 1))
                    for i, u in enumerate(ids)]

    out: dict[str, dict[str, float]] = {}
    for result in results:
        replay = Replay({f"{r.doc}|{r.question}": r.ranked for r in result.records})
        evaluator = RetrieverEvaluator.from_metric_names(["hit_rate", "mrr"], retriever=replay)
        hits, mrrs = [], []
        for r in result.records:
            if not r.expected:
                continue
            res = evaluator.evaluate(query=f"{r.doc}|{r.question}", expected_ids=r.expected)
            hits.append(res.metric_vals_dict["hit_rate"])
            mrrs.append(res.metric_vals_dict["mrr"])
        out[result.mode] = {"hit_rate": _mean(hits), "mrr": _mean(mrrs)}
    return out


def _ours_at_k(result: ModeResult) -> dict[str, float]:
    """Our hit rate and MRR over the whole retrieved list, as llama-index computes them."""
    hits, mrrs = [], []
    for r in result.records:
        if r.expected:
            first = next((i for i, u in enumerate(r.ranked, 1) if u in r.expected), None)
            hits.append(float(first is not None))
            mrrs.append(1 / first if first else 0.0)
    return {"hit_rate": _mean(hits), "mrr": _mean(mrrs)}


@dataclass
class EvalRun:
    dataset: str
    questions: int
    answerable: int
    top_k: int
    results: list[ModeResult]  # pooled over every document asked about
    llama_index: dict[str, dict[str, float]]
    agree: bool
    docs: int = 1  # documents in the index: with several, records name units as SYMBOL#id

    def by_document(self) -> dict[str, list[ModeResult]]:
        """Each document's own figures, when the questions span several."""
        asked = sorted({r.doc for r in self.results[0].records} if self.results else set())
        if len(asked) < 2:
            return {}
        return {d: [ModeResult(res.mode, score([r for r in res.records if r.doc == d]))
                    for res in self.results] for d in asked}

    def scopes(self) -> list[tuple[str, list[ModeResult]]]:
        per = self.by_document()
        return [*per.items(), ("pooled", self.results)] if per else [("", self.results)]

    def metrics(self) -> dict[str, Any]:
        return {"dataset": self.dataset, "questions": self.questions,
                "answerable": self.answerable, "top_k": self.top_k,
                "modes": {r.mode: r.metrics for r in self.results},
                "documents": {d: {r.mode: r.metrics for r in res}
                              for d, res in self.by_document().items()},
                "llama_index": self.llama_index, "llama_index_agrees": self.agree,
                "targets": TARGETS}


def run(pipeline: Pipeline, items: Sequence[Item], modes: Sequence[str], top_k: int = 10,
        progress: bool = True, dataset: str = "", doc: str | None = None) -> EvalRun:
    from tqdm import tqdm

    bar = tqdm(total=len(items) * len(modes), desc="evaluating", unit=" q", disable=not progress,
               leave=False)
    results = [evaluate_mode(pipeline, items, m, top_k, tick=lambda: bar.update(1))
               for m in modes]
    bar.close()
    li = llama_index_check(results)
    agree = all(abs(li[r.mode][k] - _ours_at_k(r)[k]) < 1e-9 for r in results
                for k in ("hit_rate", "mrr"))
    return EvalRun(dataset, len(items), sum(1 for i in items if i.expected), top_k, results,
                   li, agree, docs=len(pipeline.docs))


def write_per_question(run_: EvalRun, path: Path) -> None:
    """One JSON line per question and mode: bare unit ids with one document indexed,
    SYMBOL#id keys with several."""
    def ids(keys: Sequence[str]) -> list[str]:
        return list(keys) if run_.docs > 1 else [k.partition("#")[2] for k in keys]

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for result in run_.results:
            for r in result.records:
                row = {**asdict(r), "expected": ids(r.expected), "ranked": ids(r.ranked),
                       "cited": ids(r.cited)}
                f.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_report(run_: EvalRun, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "metrics.json").write_text(json.dumps(run_.metrics(), indent=2), encoding="utf-8")
    names = [*METRICS, "refusal_accuracy", "answerable_refused", "citation_precision",
             "citation_recall"]
    lines = [
        "# Retrieval evaluation", "",
        f"Dataset `{run_.dataset}`: {run_.questions} questions, {run_.answerable} answerable, "
        f"{run_.questions - run_.answerable} that the resolution does not answer. "
        f"Top-k {run_.top_k}.",
    ]
    for scope, results in run_.scopes():
        lines += ["", f"### {scope}" if scope else "", "",
                  "| metric | " + " | ".join(r.mode for r in results) + " |",
                  "|---|" + "---|" * len(results)]
        for n in names:
            lines.append(f"| {n} | " + " | ".join(
                f"{r.metrics[n]:.0f}" if n == "answerable_refused" else f"{r.metrics[n]:.3f}"
                for r in results) + " |")
    lines += ["", "Targets for the default (hybrid) mode: " + ", ".join(
        f"{k} >= {v}" for k, v in TARGETS.items()) + ", and no answerable question refused.",
        "", "## Cross-check with llama-index `RetrieverEvaluator`", "",
        "| mode | hit rate (ours) | hit rate (llama-index) | MRR (ours) | MRR (llama-index) |",
        "|---|---|---|---|---|"]
    for r in run_.results:
        ours, li = _ours_at_k(r), run_.llama_index[r.mode]
        lines.append(f"| {r.mode} | {ours['hit_rate']:.3f} | {li['hit_rate']:.3f} | "
                     f"{ours['mrr']:.3f} | {li['mrr']:.3f} |")
    lines += ["", "The two agree." if run_.agree else "**The two disagree**: see metrics.json.",
              "(Both over the whole retrieved list of each answerable question.)", "",
              "## Definitions", "", __doc__.split("Definitions", 1)[1].split("\n\"\"\"")[0]
              .strip("\n :"), "", "## Misses", ""]
    for r in run_.results:
        misses = [x for x in r.records if (x.expected and (not x.ranked or x.ranked[0] not in
                                                             x.expected))
                  or (not x.expected and x.grounded) or (x.expected and not x.grounded)]
        lines += [f"### {r.mode} ({len(misses)})", ""]
        for x in misses:
            lines.append(f"- {x.question} — expected {x.expected or 'refusal'}, retrieved "
                         f"{x.ranked[:3]}, cited {x.cited or 'nothing'}"
                         f"{'' if x.grounded else ' (refused)'}")
        lines.append("")
    (folder / "report.md").write_text("\n".join(lines), encoding="utf-8")
    chart = folder / "modes.png"
    _chart(run_, chart)
    return [folder / "report.md", folder / "metrics.json", chart]


def _chart(run_: EvalRun, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [*METRICS, "refusal_accuracy", "citation_precision", "citation_recall"]
    fig, ax = plt.subplots(figsize=(11, 4.5))
    width = 0.8 / len(run_.results)
    for i, r in enumerate(run_.results):
        ax.bar([x + i * width for x in range(len(names))], [r.metrics[n] for n in names],
               width, label=r.mode)
    ax.set_xticks([x + width * (len(run_.results) - 1) / 2 for x in range(len(names))],
                  names, rotation=30, ha="right")
    ax.set_ylim(0, 1.05)
    ax.set_title(f"Retrieval by mode ({run_.questions} questions)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


def modes_for(choice: str) -> list[str]:
    return list(MODES) if choice == "all" else [choice]
