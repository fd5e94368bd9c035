"""The evaluation command, and the regression guard on the project's own question set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli
from resolution_qa import evaluate
from resolution_qa.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
DATASET = ROOT / "eval" / "questions.jsonl"


BASELINE = json.loads((ROOT / "eval" / "baseline.json").read_text())


@pytest.fixture(scope="module", params=["questions.jsonl", "blind.jsonl"])
def full_run(request: pytest.FixtureRequest, pipeline: Pipeline) -> tuple[str, evaluate.EvalRun]:
    items = evaluate.load_dataset(ROOT / "eval" / request.param, {u.id for u in pipeline.units})
    return request.param, evaluate.run(pipeline, items, ["hybrid", "dense", "bm25"], top_k=10,
                                       progress=False)


def test_default_mode_does_not_regress(full_run: tuple[str, evaluate.EvalRun]) -> None:
    """The tuning set and the blind set (never tuned on) each keep their floors."""
    name, run = full_run
    hybrid = run.results[0].metrics
    floors = dict(BASELINE[name])
    most_refused = floors.pop("answerable_refused_max")
    below = {k: (round(hybrid[k], 3), floor) for k, floor in floors.items() if hybrid[k] < floor}
    assert not below, f"hybrid fell below its floor on {name}: {below}"
    assert hybrid["answerable_refused"] <= most_refused
    mrr = {r.mode: r.metrics["mrr@10"] for r in run.results}
    assert mrr["hybrid"] > mrr["bm25"] and mrr["hybrid"] > mrr["dense"], mrr
    assert run.agree  # llama-index's RetrieverEvaluator scores the rankings the same


def test_blind_set_shares_no_question_with_the_tuning_set() -> None:
    def questions(name: str) -> set[str]:
        lines = (ROOT / "eval" / name).read_text(encoding="utf-8").splitlines()
        return {json.loads(x)["question"].strip().lower() for x in lines if x.strip()}

    assert not questions("questions.jsonl") & questions("blind.jsonl")


def test_question_set_meets_its_own_spec(pipeline: Pipeline) -> None:
    items = evaluate.load_dataset(DATASET, {u.id for u in pipeline.units})
    assert len(items) >= 100
    counts = {u.id: 0 for u in pipeline.units}
    for item in items:
        for uid in item.expected:
            counts[uid] += 1
    assert min(counts.values()) >= 2, counts
    assert sum(len(i.expected) > 1 for i in items) >= 15
    assert sum(not i.expected for i in items) >= 12


def test_metric_definitions() -> None:
    m = evaluate.retrieval_metrics(["3", "7", "1", "9"], ["7", "9"])
    assert m["hit@1"] == 0 and m["hit@3"] == 1 and m["mrr@10"] == 0.5
    assert m["recall@3"] == 0.5 and m["recall@5"] == 1 and m["precision@3"] == pytest.approx(1 / 3)
    assert m["ndcg@10"] == pytest.approx((1 / 1.585 + 1 / 2.322) / (1 + 1 / 1.585), rel=1e-3)


def test_bad_datasets_are_reported_by_line(tmp_path: Path, pipeline: Pipeline) -> None:
    bad = tmp_path / "q.jsonl"
    bad.write_text('{"question": "ok?", "expected": ["7"]}\nnot json\n'
                   '{"question": "x", "expected": ["99"]}\n', encoding="utf-8")
    with pytest.raises(evaluate.DatasetError, match=r"line 2: not JSON.*line 3: unknown unit"):
        evaluate.load_dataset(bad, {u.id for u in pipeline.units})


def test_eval_cli_writes_reports_and_per_question(tmp_path: Path, built_index: Path) -> None:
    data = tmp_path / "q.jsonl"
    data.write_text('{"question": "Who helped free the detained officials?", "expected": ["7"]}\n'
                    '{"question": "What is the Court budget for 2013?", "expected": []}\n',
                    encoding="utf-8")
    run = run_cli("eval", "--dataset", str(data), "--mode", "all", "--per-question",
                  str(tmp_path / "pq.jsonl"), "--report", str(tmp_path / "rep"),
                  index_dir=built_index)
    assert run.code == 0, run.err
    assert "hit@1" in run.out and "agrees: yes" in run.out
    records = [json.loads(x) for x in (tmp_path / "pq.jsonl").read_text().splitlines()]
    assert len(records) == 6 and {r["mode"] for r in records} == {"hybrid", "dense", "bm25"}
    assert set(records[0]) == {"question", "expected", "mode", "ranked", "cited", "grounded"}
    report = (tmp_path / "rep" / "report.md").read_text()
    assert "| hit@1 |" in report and "RetrieverEvaluator" in report
    assert json.loads((tmp_path / "rep" / "metrics.json").read_text())["modes"]["hybrid"]
    assert (tmp_path / "rep" / "modes.png").stat().st_size > 1000
    broken = run_cli("eval", "--dataset", str(tmp_path / "missing.jsonl"), index_dir=built_index)
    assert broken.code == 2 and "not found" in broken.err
