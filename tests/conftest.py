"""Shared fixtures: one real index (real model, real Chroma) built once per test session in a
temporary folder, read-only for the tests that use it; tests that change an index build their
own."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from resolution_qa.pipeline import Pipeline, index_documents
from resolution_qa.settings import Settings, get_settings, shipped_corpus

CLI = str(Path(sys.executable).with_name("resolution-qa"))


@pytest.fixture(scope="session")
def corpus_text() -> str:
    return shipped_corpus()[0].read_text(encoding="utf-8")


ROOT = Path(__file__).resolve().parents[1]
TEST_DOCS = sorted((ROOT / "tests" / "data" / "resolutions").glob("*.txt"))


@pytest.fixture(scope="session")
def built_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped resolution alone: markers without a document symbol."""
    index_dir = tmp_path_factory.mktemp("index")
    index_documents(get_settings(index_dir=index_dir), progress=False)
    return index_dir


@pytest.fixture(scope="session")
def multi_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped resolution and the six test resolutions, as a user with several holds."""
    index_dir = tmp_path_factory.mktemp("multi")
    index_documents(get_settings(index_dir=index_dir), [*shipped_corpus(), *TEST_DOCS],
                    progress=False)
    return index_dir


@pytest.fixture(scope="session")
def multi(multi_index: Path) -> Pipeline:
    return Pipeline(get_settings(index_dir=multi_index), notice=lambda _m: None)


@pytest.fixture(scope="session")
def settings(built_index: Path) -> Settings:
    return get_settings(index_dir=built_index)


@pytest.fixture(scope="session")
def pipeline(settings: Settings) -> Pipeline:
    return Pipeline(settings, notice=lambda _m: None)


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> dict:
        return json.loads(self.out)


def run_cli(*args: str, index_dir: Path | None = None, env: dict[str, str] | None = None,
            timeout: float = 300) -> Run:
    """Run the installed console script as a user would."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("RESOLUTION_QA_")}
    if index_dir is not None:
        full_env["RESOLUTION_QA_INDEX_DIR"] = str(index_dir)
    full_env.update(env or {})
    proc = subprocess.run([CLI, *args], capture_output=True, text=True, env=full_env,
                          timeout=timeout, stdin=subprocess.DEVNULL)
    return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def index_copy(built_index: Path, tmp_path: Path) -> Iterator[Path]:
    """A private copy of the built index, for tests that change or break it."""
    dest = tmp_path / "index"
    shutil.copytree(built_index, dest)
    yield dest


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def chat_url(pipeline: Pipeline) -> Iterator[str]:
    """The real chat app, launched on a free loopback port for the whole session."""
    from resolution_qa.app import launch

    port = free_port()
    app = launch(pipeline, port=port, block=False)
    yield f"http://127.0.0.1:{port}/"
    app.close()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--screenshot", action="store_true",
                     help="save screenshots of the chat to eval/reports/*.png")


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's headless Chromium driven by Playwright (Playwright's own download fails here)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `apt-get install -y chromium` (.ci/run does this)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield b
        b.close()
