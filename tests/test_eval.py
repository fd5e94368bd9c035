"""The evaluation command, and the regression guard on the project's own question sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli
from resolution_qa import evaluate
from resolution_qa.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
BASELINE = json.loads((ROOT / "eval" / "baseline.json").read_text())


def _floors_hold(name: str, metrics: dict[str, float]) -> None:
    floors = {k: v for k, v in BASELINE[name].items()}
    most_refused = floors.pop("answerable_refused_max")
    below = {k: (round(metrics[k], 3), floor) for k, floor in floors.items()
             if metrics[k] < floor}
    assert not below, f"hybrid fell below its floor on {name}: {below}"
    assert metrics["answerable_refused"] <= most_refused


@pytest.mark.parametrize("name", ["questions.jsonl", "dev.jsonl"])
def test_default_mode_does_not_regress(name: str, multi: Pipeline) -> None:
    """The tuning sets (the shipped resolution; the six test resolutions), scored in the
    default mode with all seven documents indexed, keep their floors."""
    items = evaluate.load_dataset(ROOT / "eval" / name, multi.units)
    run = evaluate.run(multi, items, ["hybrid"], top_k=10, progress=False)
    _floors_hold(name, run.results[0].metrics)
    assert run.agree  # llama-index's RetrieverEvaluator scores the rankings the same


def test_hybrid_beats_both_single_modes_on_the_blind_set(pipeline: Pipeline) -> None:
    items = evaluate.load_dataset(ROOT / "eval" / "blind.jsonl", pipeline.units)
    run = evaluate.run(pipeline, items, ["hybrid", "dense", "bm25"], top_k=10, progress=False)
    _floors_hold("blind.jsonl", run.results[0].metrics)
    mrr = {r.mode: r.metrics["mrr@10"] for r in run.results}
    assert mrr["hybrid"] > mrr["bm25"] and mrr["hybrid"] > mrr["dense"], mrr


def test_question_sets_share_no_question_and_stay_small() -> None:
    def questions(name: str) -> set[tuple[str, str]]:
        """(document, question): the same words asked of another document are another
        question."""
        lines = (ROOT / "eval" / name).read_text(encoding="utf-8").splitlines()
        rows = [json.loads(x) for x in lines if x.strip()]
        return {(r.get("doc", "ICC-ASP/11/Res.5"), r["question"].strip().lower()) for r in rows}

    names = ["questions.jsonl", "blind.jsonl", "dev.jsonl", "heldout.jsonl", "heldout2.jsonl",
             "heldout3.jsonl", "heldout4.jsonl", "heldout5.jsonl"]
    for i, a in enumerate(names):
        assert (ROOT / "eval" / a).stat().st_size < 1_000_000
        for b in names[i + 1:]:
            assert not questions(a) & questions(b), (a, b)


def test_tuning_set_covers_every_unit_of_every_test_document(multi: Pipeline) -> None:
    covered: set[str] = set()
    for name in ("questions.jsonl", "dev.jsonl"):
        for item in evaluate.load_dataset(ROOT / "eval" / name, multi.units):
            covered.update(item.expected)
    shipped = {u.key for u in multi.units if u.doc == "ICC-ASP/11/Res.5" and not u.parent}
    assert shipped <= covered  # the shipped resolution: every unit has questions
    docs = {u.doc for u in multi.units}
    assert {k.partition("#")[0] for k in covered} == docs


def test_eval_over_several_documents_reports_each_and_pooled(tmp_path: Path,
                                                             multi_index: Path) -> None:
    data = tmp_path / "two.jsonl"
    data.write_text("\n".join(json.dumps(x) for x in [
        {"question": "Who helped free the detained officials?", "expected": ["7"],
         "doc": "ICC-ASP/11/Res.5"},
        {"question": "How large is the Working Capital Fund for 2017?", "expected": ["C.1"],
         "doc": "ICC-ASP/15/Res.1"},
        {"question": "Who won the football world cup?", "expected": [],
         "doc": "ICC-ASP/15/Res.1"},
    ]) + "\n", encoding="utf-8")
    rows = tmp_path / "rows.jsonl"
    run = run_cli("eval", "--dataset", str(data), "--mode", "all", "--per-question", str(rows),
                  "--report", str(tmp_path / "rep"), index_dir=multi_index)
    assert run.code == 0, run.err
    assert "ICC-ASP/11/Res.5" in run.out and "ICC-ASP/15/Res.1" in run.out and "pooled" in run.out
    records = [json.loads(x) for x in rows.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 9  # three questions, three modes
    assert records[0]["ranked"][0].startswith("ICC-ASP/11/Res.5#")  # several documents: keys
    metrics = json.loads((tmp_path / "rep" / "metrics.json").read_text())
    assert set(metrics["documents"]) == {"ICC-ASP/11/Res.5", "ICC-ASP/15/Res.1"}
    scoped = run_cli("eval", "--dataset", str(data), "--doc", "ICC-ASP/15/Res.1",
                     index_dir=multi_index)
    assert scoped.code == 0 and "pooled" not in scoped.out


def test_per_question_rows_hold_bare_ids_with_one_document(tmp_path: Path,
                                                           built_index: Path) -> None:
    data = tmp_path / "one.jsonl"
    data.write_text(json.dumps({"question": "Who helped free the detained officials?",
                                "expected": ["7"]}) + "\n", encoding="utf-8")
    rows = tmp_path / "rows.jsonl"
    run = run_cli("eval", "--dataset", str(data), "--per-question", str(rows),
                  index_dir=built_index)
    assert run.code == 0, run.err
    record = json.loads(rows.read_text(encoding="utf-8").splitlines()[0])
    assert record["ranked"][0] == "7" and record["expected"] == ["7"]


def test_bad_dataset_lines_are_reported_with_line_numbers(tmp_path: Path,
                                                          built_index: Path) -> None:
    data = tmp_path / "bad.jsonl"
    data.write_text('{"question": "ok?", "expected": ["7"]}\nnot json\n'
                    '{"question": "x", "expected": ["99"]}\n', encoding="utf-8")
    run = run_cli("eval", "--dataset", str(data), index_dir=built_index)
    assert run.code == 2 and "line 2" in run.err and "line 3: unknown unit id(s) 99" in run.err
    assert run.err.count("\n") == 1
