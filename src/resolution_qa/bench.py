"""Benchmark: warm ask latency against its floor (embedding the question), index build time,
and the cold start of an `ask` process. Reports numbers; asserts nothing."""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from .pipeline import Pipeline, index_documents
from .settings import Settings


@dataclass(frozen=True)
class BenchReport:
    ask_p50_ms: float
    ask_p95_ms: float
    embed_p50_ms: float
    ratio: float
    index_s: float
    cold_start_s: float
    questions: int

    def to_json(self) -> dict[str, float]:
        out = asdict(self)
        out.pop("questions")
        return out


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def load_questions(path: Path, n: int = 50) -> list[str]:
    questions = [json.loads(line)["question"] for line in path.read_text(encoding="utf-8")
                 .splitlines() if line.strip()]
    if not questions:
        raise ValueError(f"{path} has no questions")
    return (questions * (n // len(questions) + 1))[:n]


def run(settings: Settings, questions: list[str]) -> BenchReport:
    tmp = Path(tempfile.mkdtemp(prefix="rqa-bench-"))
    try:
        bench_settings = Settings(**{**settings.__dict__, "index_dir": tmp / "index",
                                     "chroma_url": ""})
        started = time.perf_counter()
        index_documents(bench_settings, progress=False, notice=lambda _m: None)
        index_s = time.perf_counter() - started

        pipeline = Pipeline(bench_settings, notice=lambda _m: None)
        for q in questions[:3]:  # warm caches, thread pools and the allocator
            pipeline.ask(q)
        ask_ms, embed_ms = [], []
        for q in questions:
            t0 = time.perf_counter()
            pipeline.ask(q)
            t1 = time.perf_counter()
            pipeline.embedder.encode_one(q)
            t2 = time.perf_counter()
            ask_ms.append((t1 - t0) * 1000)
            embed_ms.append((t2 - t1) * 1000)

        cli = Path(sys.executable).with_name("resolution-qa")
        t0 = time.perf_counter()
        subprocess.run([str(cli), "--index-dir", str(tmp / "index"), "ask", questions[0],
                        "--json"], check=True, capture_output=True, stdin=subprocess.DEVNULL)
        cold = time.perf_counter() - t0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    p50, embed_p50 = statistics.median(ask_ms), statistics.median(embed_ms)
    return BenchReport(ask_p50_ms=round(p50, 2), ask_p95_ms=round(_pct(ask_ms, 0.95), 2),
                       embed_p50_ms=round(embed_p50, 2), ratio=round(p50 / embed_p50, 2),
                       index_s=round(index_s, 2), cold_start_s=round(cold, 2),
                       questions=len(questions))
