"""The console script, run as a user runs it: exit codes, JSON contract, one-line errors."""

from __future__ import annotations

from pathlib import Path

from conftest import TEST_DOCS, run_cli

ASK_KEYS = {"question", "answer", "citations", "retrieved", "grounded", "sentences", "warnings"}


def test_ask_json_prints_only_the_contract_object(built_index: Path) -> None:
    run = run_cli("ask", "Who helped free the detained Court officials?", "--json",
                  "--top-k", "4", index_dir=built_index)
    assert run.code == 0, run.err
    obj = run.json()  # stdout is nothing but the object
    assert set(obj) == ASK_KEYS
    assert obj["grounded"] is True
    assert len(obj["retrieved"]) == 4
    assert obj["retrieved"][0] == {"doc": "ICC-ASP/11/Res.5", "para": "7",
                                   "score": obj["retrieved"][0]["score"]}
    scores = [r["score"] for r in obj["retrieved"]]
    assert scores == sorted(scores, reverse=True)
    assert {"doc": "ICC-ASP/11/Res.5", "para": "7"}.items() <= obj["citations"][0].items()
    assert "[¶7]" in obj["answer"]
    assert obj["sentences"][0]["citations"] == ["7"] and obj["sentences"][0]["supported"]
    assert "Traceback" not in run.err


def test_ask_text_prints_answer_then_full_cited_units(built_index: Path) -> None:
    run = run_cli("ask", "Is there a special fund for moving witnesses?", "--mode", "bm25",
                  index_dir=built_index)
    assert run.code == 0, run.err
    answer, _, sources = run.out.partition("Sources:")
    assert "[¶18]" in answer
    assert "Encourages all States Parties to consider making voluntary contributions to the " \
           "Special Fund for Relocations" in sources


def test_show_prints_units_in_full(built_index: Path) -> None:
    run = run_cli("show", "8", "--json", index_dir=built_index)
    assert run.code == 0, run.err
    obj = run.json()
    assert obj["para"] == "8" and obj["kind"] == "operative"
    assert obj["label"] == "Operative paragraph 8" and obj["doc"] == "ICC-ASP/11/Res.5"
    assert obj["text"].endswith("adopting relevant national legislation;")
    assert set(obj) == {"doc", "para", "kind", "label", "section", "parent", "text"}
    text = run_cli("show", "fn1", index_dir=built_index)
    assert text.code == 0 and "ICC-ASP/11/21, para. 80." in text.out


def test_unknown_show_id_lists_the_valid_ones(built_index: Path) -> None:
    run = run_cli("show", "PP9", index_dir=built_index)
    assert run.code == 2
    assert run.err.strip().count("\n") == 0
    assert "title, PP1-PP4, 1-25, fn1" in run.err


def test_bad_questions_exit_2_with_one_line(built_index: Path) -> None:
    for question, needle in (("   ", "empty"), ("why " * 600, "2,000")):
        run = run_cli("ask", question, index_dir=built_index)
        assert run.code == 2
        assert needle in run.err and run.err.strip().count("\n") == 0
        assert run.out == ""


def test_bad_usage_exits_2() -> None:
    run = run_cli("ask", "x", "--mode", "magic")
    assert run.code == 2 and "invalid choice" in run.err
    assert run.err.strip().count("\n") == 0


def test_missing_index_is_built_with_a_notice(tmp_path: Path) -> None:
    index_dir = tmp_path / "fresh"
    run = run_cli("ask", "What does the Assembly decide about its twelfth session agenda?",
                  "--json", index_dir=index_dir)
    assert run.code == 0, run.err
    assert "building the index" in run.err
    assert run.json()["grounded"]
    assert (index_dir / "chroma.sqlite3").exists()


def test_index_reports_units_and_seconds_and_rejects_broken_files(tmp_path: Path) -> None:
    index_dir = tmp_path / "idx"
    run = run_cli("index", index_dir=index_dir)
    assert run.code == 0, run.err
    assert "indexed ICC-ASP/11/Res.5 (31 units)" in run.out and " s)" in run.out
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4\x00\x00binary")
    notes = tmp_path / "notes.txt"
    notes.write_text("Meeting notes\n\n1. Buy milk.\n", encoding="utf-8")
    good = TEST_DOCS[0]
    mixed = run_cli("index", str(bad), str(notes), str(good), "--index-dir", str(index_dir))
    assert mixed.code == 2  # something was refused ...
    refused = [ln for ln in mixed.err.splitlines() if "refused" in ln]
    assert len(refused) == 2 and "scan.pdf" in refused[0] and "notes.txt" in refused[1]
    assert "not an Assembly resolution" in refused[1]
    assert "indexed ICC-ASP/10/Res.6" in mixed.out  # ... and the good file still indexed
    again = run_cli("show", "7", "--doc", "ICC-ASP/11/Res.5", "--index-dir", str(index_dir))
    assert again.code == 0 and "four officials" in again.out  # the index survived


def test_index_list_remove_and_doc_scoping(tmp_path: Path) -> None:
    index_dir = tmp_path / "idx"
    assert run_cli("index", *map(str, TEST_DOCS[:2]), index_dir=index_dir).code == 0
    assert run_cli("index", index_dir=index_dir).code == 0  # refresh: nothing re-embedded
    listed = run_cli("index", "--list", "--json", index_dir=index_dir)
    assert listed.code == 0, listed.err
    docs = listed.json()["documents"]
    assert [d["symbol"] for d in docs] == ["ICC-ASP/10/Res.6", "ICC-ASP/12/Res.4"]
    assert docs[1] == {"symbol": "ICC-ASP/12/Res.4", "title": "Complementarity",
                       "units": docs[1]["units"]} and docs[1]["units"] > 20
    both = run_cli("show", "1", index_dir=index_dir)
    assert both.code == 0 and "--doc ICC-ASP/10/Res.6" in both.out
    assert "--doc ICC-ASP/12/Res.4" in both.out
    one = run_cli("show", "5(b)", "--doc", "icc-asp/12/res.4", "--json", index_dir=index_dir)
    assert one.code == 0 and one.json()["parent"] == "5"
    ask = run_cli("ask", "What is asked of the Secretariat on complementarity?", "--doc",
                  "ICC-ASP/12/Res.4", "--json", index_dir=index_dir)
    assert ask.code == 0, ask.err
    obj = ask.json()
    assert {r["doc"] for r in obj["retrieved"]} == {"ICC-ASP/12/Res.4"}
    assert "[ICC-ASP/12/Res.4 ¶" in obj["answer"]  # several documents: markers name one
    unknown = run_cli("ask", "anything", "--doc", "ICC-ASP/99/Res.1", index_dir=index_dir)
    assert unknown.code == 2 and "not indexed" in unknown.err and "ICC-ASP/10/Res.6" in unknown.err
    removed = run_cli("index", "--remove", "ICC-ASP/10/Res.6", index_dir=index_dir)
    assert removed.code == 0 and "1 document(s)" in removed.out
    after = run_cli("index", "--list", index_dir=index_dir)
    assert "ICC-ASP/10/Res.6" not in after.out and "ICC-ASP/12/Res.4" in after.out
    gone = run_cli("index", "--remove", "ICC-ASP/10/Res.6", index_dir=index_dir)
    assert gone.code == 2 and gone.err.count("\n") == 1


def test_corrupt_index_gets_a_message_and_rebuild_keeps_the_old_files(index_copy: Path) -> None:
    (index_copy / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)
    run = run_cli("ask", "witness relocation", index_dir=index_copy)
    assert run.code == 1
    assert "index --rebuild" in run.err and "Traceback" not in run.err
    fixed = run_cli("index", "--rebuild", index_dir=index_copy)
    assert fixed.code == 0, fixed.err
    kept = list(index_copy.parent.glob("index.unreadable-*"))
    assert kept and (kept[0] / "chroma.sqlite3").read_bytes().startswith(b"this is not")
    assert run_cli("show", "PP2", index_dir=index_copy).code == 0


def test_bench_json_reports_every_figure(tmp_path: Path) -> None:
    run = run_cli("bench", "--json", "--questions", "5", index_dir=tmp_path / "idx")
    assert run.code == 0, run.err
    obj = run.json()
    assert set(obj) == {"ask_p50_ms", "ask_p95_ms", "embed_p50_ms", "ratio", "index_s",
                        "cold_start_s"}
    assert all(isinstance(v, float) and v > 0 for v in obj.values())
    assert obj["ask_p95_ms"] >= obj["ask_p50_ms"]


def test_a_cold_ask_on_a_terminal_says_what_it_is_doing(built_index: Path) -> None:
    """On a terminal, one line on stderr while the model loads; stdout keeps only the JSON.
    Through a pipe (scripts), nothing."""
    import json
    import os
    import pty
    import subprocess

    from conftest import CLI

    env = {k: v for k, v in os.environ.items() if not k.startswith("RESOLUTION_QA_")}
    env["RESOLUTION_QA_INDEX_DIR"] = str(built_index)
    leader, follower = pty.openpty()
    proc = subprocess.run([CLI, "ask", "Is there a fund for relocating witnesses?", "--json"],
                          stdout=subprocess.PIPE, stderr=follower, stdin=subprocess.DEVNULL,
                          env=env, timeout=300)
    os.close(follower)
    err = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        err += chunk
    os.close(leader)
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["grounded"] is True
    lines = [line for line in err.decode().splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Loading")
    piped = run_cli("ask", "Is there a fund for relocating witnesses?", "--json",
                    index_dir=built_index)
    assert "Loading" not in piped.err
