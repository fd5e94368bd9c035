"""The same CLI against a shared `chroma run` server instead of the embedded store."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import free_port, run_cli

CHROMA = str(Path(sys.executable).with_name("chroma"))


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen([CHROMA, "run", "--path", str(tmp_path_factory.mktemp("server")),
                             "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2)
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail("`chroma run` did not start")
            time.sleep(0.3)
    yield url
    proc.terminate()
    proc.wait(timeout=20)


def test_index_and_ask_through_a_chroma_server(chroma_url: str) -> None:
    env = {"RESOLUTION_QA_CHROMA_URL": chroma_url}
    built = run_cli("index", env=env)
    assert built.code == 0, built.err
    assert "indexed ICC-ASP/11/Res.5 (31 units)" in built.out and chroma_url in built.out
    again = run_cli("index", env=env)
    assert again.code == 0 and "up to date" in again.out  # idempotent on the server too
    run = run_cli("ask", "Who helped free the detained Court officials?", "--json", env=env)
    assert run.code == 0, run.err
    assert run.json()["citations"][0]["para"] == "7"


def test_unreachable_server_is_a_one_line_error() -> None:
    run = run_cli("ask", "witness relocation",
                  env={"RESOLUTION_QA_CHROMA_URL": f"http://127.0.0.1:{free_port()}"})
    assert run.code == 1
    assert "cannot reach the Chroma server" in run.err and "chroma run" in run.err
    assert run.err.strip().count("\n") == 0
