"""Wires the stages together: adds, refreshes and removes documents, loads the index once,
answers questions.

The CLI, the chat and the evaluation all go through `Pipeline`, so they share one loaded model,
one index and one answer type.
"""

from __future__ import annotations

import hashlib
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import corpus
from .answer import ExtractiveAnswerer, InputError, check_question
from .embed import Embedder
from .llm import parse_llm

if TYPE_CHECKING:
    from .generate import GenerativeAnswerer
from .retrieve import Retriever
from .settings import Settings, shipped_corpus
from .store import DocInfo, IndexInfo, Store, StoreError, move_aside
from .types import Answer, Unit, find_unit, find_units

Notice = Callable[[str], None]
OnText = Callable[[str, list[tuple[str, bool]]], None]  # streamed text, checked sentences
SHIPPED = "shipped:"  # recorded path prefix: the installed path differs between machines


def stderr_notice(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class IndexReport:
    """What an `index` run did, document by document."""

    info: IndexInfo
    embedded: list[str] = field(default_factory=list)  # added or refreshed
    unchanged: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # one line each: file and reason
    seconds: float = 0.0

    @property
    def units(self) -> int:
        return self.info.units


def _recorded(path: Path) -> str:
    shipped = {p.resolve(): p.name for p in shipped_corpus()}
    return SHIPPED + shipped[path.resolve()] if path.resolve() in shipped else str(path.resolve())


def _source(doc: DocInfo) -> Path:
    if doc.path.startswith(SHIPPED):
        name = doc.path.removeprefix(SHIPPED)
        return next((p for p in shipped_corpus() if p.name == name), Path(name))
    return Path(doc.path)


def _file_sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


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


def index_documents(settings: Settings, paths: Sequence[Path] | None = None, *,
                    rebuild: bool = False, embedder: Embedder | None = None,
                    notice: Notice = stderr_notice, progress: bool = True) -> IndexReport:
    """Add or refresh the documents in `paths` (default: refresh what the index holds, or
    index the shipped resolution into an empty one), re-embedding only documents whose units
    changed. A file that is not a resolution is refused on its own; the others still index."""
    started = time.perf_counter()
    store = _open_store(settings, rebuild, notice)
    current = store.info()
    prefix = settings.collection_prefix
    same = current is not None and current.collection.startswith(prefix) and not rebuild
    held = [] if current is None else [_source(d) for d in current.docs]
    files = [Path(p) for p in paths] if paths else list(settings.corpus) or held or \
        shipped_corpus()
    if current is not None and not same:  # other settings or --rebuild: re-embed everything
        files += [p for p in held if p.exists() and p.resolve() not in
                  {f.resolve() for f in files}]
    loaded = corpus.load_each(files)
    keep = {d.symbol: d for d in current.docs} if current is not None and same else {}
    todo: list[tuple[DocInfo, Sequence[Unit]]] = []
    unchanged = []
    for path, res in loaded.resolutions:
        doc = DocInfo(symbol=res.symbol, title=res.title, units=len(res.units),
                       gen=corpus.content_sha(res), path=_recorded(path),
                       file_sha=_file_sha(path))
        old = keep.get(res.symbol)
        if old is not None and old.gen == doc.gen:
            unchanged.append(res.symbol)
            keep[res.symbol] = doc
        else:
            todo.append((doc, res.units))
            keep.pop(res.symbol, None)
    if not loaded.resolutions and current is None:
        raise corpus.CorpusError("; ".join(loaded.refused) or "no files to index")
    name = current.collection if current is not None and same else \
        f"{prefix}-{uuid.uuid4().hex[:8]}"
    if todo or current is None or not same or keep != {d.symbol: d for d in current.docs}:
        info = store.put(name, todo, embedder or Embedder(settings.model_path),
                         keep=list(keep.values()), progress=progress)
    else:
        info = current
    return IndexReport(info=info, embedded=[d.symbol for d, _ in todo], unchanged=unchanged,
                       refused=loaded.refused, seconds=time.perf_counter() - started)


def remove_document(settings: Settings, symbol: str) -> IndexInfo:
    store = Store(settings.index_location)
    try:
        return store.remove(symbol)
    except KeyError as exc:
        raise InputError(str(exc.args[0])) from None


def _stale(settings: Settings, info: IndexInfo) -> tuple[list[Path], str]:
    """Files to re-read before answering, and why: all of them when the index was built with
    another model or parser, else those whose file changed since."""
    sources = [_source(d) for d in info.docs]
    if not info.collection.startswith(settings.collection_prefix):
        return [p for p in sources if p.exists()], "it was built with another model or parser"
    changed = [p for d, p in zip(info.docs, sources, strict=True)
               if p.exists() and _file_sha(p) != d.file_sha]
    return changed, "a document's file changed"


def open_index(settings: Settings, notice: Notice = stderr_notice,
               embedder: Embedder | None = None) -> tuple[Store, IndexInfo]:
    """The store and the documents in service, indexed or refreshed first when missing or
    stale (with a notice)."""
    store = Store(settings.index_location)
    info = store.info()
    if info is None or not info.docs:
        notice(f"building the index at {settings.index_location} (there is none yet)...")
        report = index_documents(settings, embedder=embedder, notice=notice)
        info = report.info
        notice(f"indexed {report.units} units in {report.seconds:.1f} s")
    else:
        files, why = _stale(settings, info)
        if files:
            notice(f"refreshing the index at {settings.index_location} ({why})...")
            info = index_documents(settings, files, embedder=embedder, notice=notice).info
    return store, info


class Pipeline:
    """A loaded index: ask questions, look units up. Build once per process."""

    def __init__(self, settings: Settings, notice: Notice = stderr_notice) -> None:
        self.settings = settings
        self.embedder = Embedder(settings.model_path)
        store, info = open_index(settings, notice, self.embedder)
        self.info = info
        self.units: list[Unit] = store.units(info)
        self.docs = [d.symbol for d in info.docs]
        # The corpus words' vectors are kept beside a local index (not a server's).
        cache = None if settings.chroma_url else settings.index_dir
        self.retriever = Retriever(self.units, store.retriever(info, self.embedder),
                                   dense_weight=settings.dense_weight, cache=cache)
        self.answerer = ExtractiveAnswerer(settings, self.units, rare=self.embedder.is_rare)
        self.generators: dict[str, object] = {}
        self.generator = self.generator_for(settings.llm) if settings.llm else None

    def generator_for(self, spec: str) -> GenerativeAnswerer | None:
        """The generative answerer for `ollama:MODEL` or `openai:MODEL` (at the configured
        endpoint), built once; None for "" (extractive)."""
        config = parse_llm(spec, self.settings.llm_base_url, self.settings.llm_timeout)
        if config is None:
            return None
        if spec not in self.generators:
            from .generate import GenerativeAnswerer
            from .llm import LLM, load_prompts
            from .support import SupportModel

            self.generators[spec] = GenerativeAnswerer(
                LLM(config), load_prompts(self.settings.prompts_path), self.answerer,
                self.embedder, SupportModel.load())
        return self.generators[spec]  # type: ignore[return-value]

    def check_doc(self, doc: str | None) -> str | None:
        """The document symbol as indexed ("icc-asp/11/res.5" is ICC-ASP/11/Res.5), or None
        for all; InputError naming the indexed documents for any other."""
        if not doc:
            return None
        found = next((d for d in self.docs if d.lower() == doc.strip().lower()), None)
        if found is None:
            raise InputError(f"{doc} is not indexed; the index holds {', '.join(self.docs)} "
                             "(add it with `resolution-qa index FILE`)")
        return found

    def ask(self, question: str, *, mode: str | None = None, top_k: int | None = None,
            searched: str | None = None, doc: str | None = None,
            on_text: OnText | None = None, llm: str | None = None) -> Answer:
        """Answer one question, from one document when `doc` is given. `searched` overrides
        the text sent to retrieval (the chat uses it for follow-ups); InputError for
        questions that cannot be asked."""
        clean, warnings = check_question(question, self.settings.max_question_chars)
        scope = self.check_doc(doc)
        query = searched or clean
        hits = self.retriever.search(query, mode or self.settings.mode,
                                     top_k or self.settings.top_k, doc=scope)
        generator = self.generator if llm is None else self.generator_for(llm)
        if generator is not None:
            return generator.answer(clean, hits, searched=query, warnings=warnings,
                                         on_text=on_text)
        return self.answerer.answer(clean, hits, searched=query, warnings=warnings)

    def unit(self, uid: str, doc: str | None = None) -> Unit | None:
        return find_unit(self.units, uid, doc)

    def lookup(self, uid: str, doc: str | None = None) -> list[Unit]:
        """Every unit with that id (one per document holding it), or in `doc` only."""
        return find_units(self.units, uid, self.check_doc(doc))


