"""Wires the stages together: builds or refreshes the index, loads it once, answers questions.

The CLI, the chat and the evaluation all go through `Pipeline`, so they share one loaded model,
one index and one answer type.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import corpus
from .answer import ExtractiveAnswerer, check_question
from .embed import Embedder
from .retrieve import Retriever
from .settings import Settings, shipped_corpus
from .store import IndexInfo, Store, StoreError, move_aside
from .types import Answer, Unit, find_unit

Notice = Callable[[str], None]


def stderr_notice(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class BuildReport:
    units: int
    seconds: float
    rebuilt: bool  # False when the index was already up to date
    info: IndexInfo


def _recorded(paths: Sequence[Path]) -> list[str]:
    """What the index records as its corpus: [] for the shipped resolution (its installed path
    differs between machines), absolute paths otherwise."""
    shipped = {p.resolve() for p in shipped_corpus()}
    resolved = [p.resolve() for p in paths]
    return [] if set(resolved) == shipped else [str(p) for p in resolved]


def _open_store(settings: Settings, rebuild: bool, notice: Notice) -> Store:
    try:
        store = Store(settings.index_location)
        store.info()
        return store
    except StoreError:
        if not rebuild or settings.chroma_url:
            raise
    moved = move_aside(Path(settings.index_dir))
    if moved:
        notice(f"the unreadable index was moved to {moved} (kept, not deleted)")
    return Store(settings.index_location)


def build_index(settings: Settings, paths: Sequence[Path] | None = None, *, rebuild: bool = False,
                embedder: Embedder | None = None, notice: Notice = stderr_notice,
                progress: bool = True) -> BuildReport:
    """Index `paths` (default: what the index already holds, else the shipped resolution).
    Idempotent: an index built from the same files and settings is left as it is."""
    store = _open_store(settings, rebuild, notice)
    current = store.info()
    if paths:
        files = [Path(p) for p in paths]
    elif settings.corpus:
        files = list(settings.corpus)
    elif current and current.corpus:
        files = [Path(p) for p in current.corpus]
    else:
        files = shipped_corpus()
    units = corpus.load(files)  # parse first: a broken file must not touch the index
    sha = corpus.corpus_sha(files)
    fingerprint = settings.index_fingerprint(sha)
    recorded = _recorded(files)
    if (current and current.fingerprint == fingerprint and list(current.corpus) == recorded
            and not rebuild):
        return BuildReport(units=current.units, seconds=0.0, rebuilt=False, info=current)
    started = time.perf_counter()
    embedder = embedder or Embedder(settings.model_path)
    info = store.build(units, embedder, fingerprint=fingerprint, corpus=recorded,
                       corpus_sha=sha, progress=progress)
    return BuildReport(units=len(units), seconds=time.perf_counter() - started, rebuilt=True,
                       info=info)


def _stale_reason(settings: Settings, info: IndexInfo) -> str | None:
    files = [Path(p) for p in info.corpus] or shipped_corpus()
    missing = [str(p) for p in files if not p.exists()]
    if missing:
        return None  # nothing to rebuild from; the index as built is the best there is
    if settings.index_fingerprint(corpus.corpus_sha(files)) != info.fingerprint:
        return "its corpus, model or parser changed"
    return None


def open_index(settings: Settings, notice: Notice = stderr_notice,
               embedder: Embedder | None = None) -> tuple[Store, IndexInfo]:
    """The store and its active build, built first when missing or stale (with a notice)."""
    store = Store(settings.index_location)
    info = store.info()
    reason = "there is none yet" if info is None else _stale_reason(settings, info)
    if reason:
        notice(f"building the index at {settings.index_location} ({reason})...")
        report = build_index(settings, embedder=embedder, notice=notice)
        info = report.info
        notice(f"indexed {report.units} units in {report.seconds:.1f} s")
    assert info is not None
    return store, info


class Pipeline:
    """A loaded index: ask questions, look units up. Build once per process."""

    def __init__(self, settings: Settings, notice: Notice = stderr_notice) -> None:
        self.settings = settings
        self.embedder = Embedder(settings.model_path)
        store, info = open_index(settings, notice, self.embedder)
        self.info = info
        self.units: list[Unit] = store.units(info)
        self.retriever = Retriever(self.units, store.retriever(info, self.embedder),
                                   dense_weight=settings.dense_weight)
        known = {u.doc for u in self.units} | {r for u in self.units for r in
                                               corpus.document_refs(u.text)
                                               + corpus.provision_refs(u.text)
                                               + corpus.session_refs(u.text)}
        self.answerer = ExtractiveAnswerer(settings.min_relevance, settings.max_cited,
                                           known_symbols=frozenset(known),
                                           off_topic_margin=settings.off_topic_margin,
                                           last=self.retriever.last,
                                           foreign=self.retriever.foreign,
                                           units=self.units)

    def ask(self, question: str, *, mode: str | None = None, top_k: int | None = None,
            searched: str | None = None) -> Answer:
        """Answer one question. `searched` overrides the text sent to retrieval (the chat uses
        it for follow-ups); InputError for questions that cannot be asked."""
        clean, warnings = check_question(question, self.settings.max_question_chars)
        query = searched or clean
        hits = self.retriever.search(query, mode or self.settings.mode,
                                     top_k or self.settings.top_k)
        return self.answerer.answer(clean, hits, searched=query, warnings=warnings)

    def unit(self, uid: str, doc: str | None = None) -> Unit | None:
        return find_unit(self.units, uid, doc)
