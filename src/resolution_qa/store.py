"""The vector store: the only importer of chromadb and the llama-index vector store.

Layout: one Chroma collection per build, named from the index fingerprint, holding a node per
unit (level "unit") and one per clause (level "clause", pointing at its unit). A small
"rqa-manifest" collection names the active build in its metadata. A rebuild fills a fresh
collection and only then switches the manifest, so a crash mid-build leaves the previous index
in service; superseded builds are deleted after the switch.
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from .corpus import clauses, windows
from .embed import Embedder
from .settings import INDEX_FORMAT, PARSER_VERSION
from .types import Unit

MANIFEST = "rqa-manifest"
CLAUSE_SEP = "~c"
WINDOW_SEP = "~w"
PREFIX = "rqa-"

log = logging.getLogger(__name__)


class StoreError(RuntimeError):
    """The index cannot be used; the message says what to do."""


@dataclass(frozen=True)
class DocInfo:
    """One indexed resolution, as the manifest records it."""

    symbol: str
    title: str
    units: int
    gen: str  # content hash of its units: its nodes carry it, so a stale copy is never read
    path: str  # the file it came from; "" for the shipped resolution
    file_sha: str  # hash of that file's bytes: a changed file is re-read


@dataclass(frozen=True)
class IndexInfo:
    collection: str
    docs: tuple[DocInfo, ...]
    model: str
    built_at: str

    @property
    def units(self) -> int:
        return sum(d.units for d in self.docs)

    def doc(self, symbol: str) -> DocInfo | None:
        return next((d for d in self.docs if d.symbol == symbol), None)


@dataclass(frozen=True)
class DenseMatch:
    unit_key: str
    clause: int | None  # index into corpus.clauses(unit.text), or None for the whole unit
    cosine: float
    window: bool = False  # a stretch of a long clause (corpus.windows), not the unit or a clause


def _pieces(info: DocInfo, units: Sequence[Unit]) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(node id, embedded text, stored text, metadata) for a document: a node per unit, and
    per clause and window of each paragraph. Node ids carry the document's generation, so a
    new version is written beside the old one and never overwrites what is in service."""
    out = []
    for order, unit in enumerate(units):
        base = {"doc": unit.doc, "doc_title": unit.doc_title, "para": unit.id,
                "kind": unit.kind, "label": unit.label, "links": ",".join(unit.links),
                "section": unit.section, "parent": unit.parent, "order": order,
                "unit_key": unit.key, "dg": f"{info.symbol}@{info.gen}"}
        node = f"{info.gen}:{unit.key}"
        # A sub-paragraph is stored to be shown and cited; its paragraph's clauses rank it.
        out.append((node, embed_text(unit), unit.text,
                    {**base, "level": "unit" if not unit.parent else "sub"}))
        if unit.parent:
            continue
        parts = clauses(unit.text)
        if len(parts) > 1:
            out += [(f"{node}{CLAUSE_SEP}{i}", part, part, {**base, "level": "clause"})
                    for i, part in enumerate(parts)]
        out += [(f"{node}{WINDOW_SEP}{i}", part, part, {**base, "level": "window"})
                for i, part in enumerate(windows(unit.text))]
    return out


def embed_text(unit: Unit) -> str:
    """What is embedded for a unit: its text with the context a reader has (document title,
    kind of paragraph), which lets "what does the preamble say" and title questions match."""
    return f"{unit.doc_title}. {unit.label}. {unit.text}"


def llama_embedding(embedder: Embedder) -> Any:
    """llama-index adapter over Embedder (the same model, not a copy). Built on first use so
    that answering questions never pays for importing llama-index."""
    from llama_index.core.base.embeddings.base import BaseEmbedding
    from pydantic import PrivateAttr

    class LlamaEmbedding(BaseEmbedding):
        _embedder: Embedder = PrivateAttr()

        def __init__(self, inner: Embedder) -> None:
            super().__init__(model_name=inner.name, embed_batch_size=32)
            self._embedder = inner

        def _get_query_embedding(self, query: str) -> list[float]:
            return self._embedder.encode_one(query).tolist()

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

        def _get_text_embedding(self, text: str) -> list[float]:
            return self._embedder.encode_one(text).tolist()

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return self._embedder.encode(texts).tolist()

    return LlamaEmbedding(embedder)


def _client(location: str | Path) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if isinstance(location, str) and location.startswith(("http://", "https://")):
        from urllib.parse import urlparse

        url = urlparse(location)
        try:
            client = chromadb.HttpClient(host=url.hostname or "localhost", port=url.port or 8000,
                                         ssl=url.scheme == "https", settings=chroma_settings)
            client.heartbeat()
        except Exception as exc:
            raise StoreError(f"cannot reach the Chroma server at {location} ({_why(exc)}): "
                             "start it with `chroma run --path index` or unset "
                             "RESOLUTION_QA_CHROMA_URL") from None
        return client
    path = Path(location)
    try:
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    except Exception as exc:
        raise StoreError(f"the index at {path} cannot be opened ({_why(exc)}): "
                         "run `resolution-qa index --rebuild`") from None


def _why(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


class Store:
    """An open Chroma store (embedded folder or server URL)."""

    def __init__(self, location: str | Path) -> None:
        self.location = location
        self.client = _client(location)

    # -- manifest -------------------------------------------------------------------------
    def info(self) -> IndexInfo | None:
        """The documents in service, or None when nothing was ever indexed here."""
        try:
            names = {getattr(c, "name", str(c)) for c in self.client.list_collections()}
            if MANIFEST not in names:
                return None
            meta = self.client.get_collection(MANIFEST, embedding_function=None).metadata or {}
            active = str(meta.get("active", ""))
            if not active or active not in names:
                return None
            docs = tuple(DocInfo(**d) for d in json.loads(str(meta.get("docs", "[]"))))
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"the index at {self.location} cannot be read ({_why(exc)}): "
                             "run `resolution-qa index --rebuild`") from None
        return IndexInfo(collection=active, docs=docs, model=str(meta.get("model", "")),
                         built_at=str(meta.get("built_at", "")))

    def _write_manifest(self, collection: str, docs: Sequence[DocInfo], model: str) -> None:
        """Switch what is in service in one metadata write: readers see the old set of
        documents or the new one, never a half-written mix."""
        built_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        meta = {"active": collection, "model": model, "built_at": built_at,
                "parser": PARSER_VERSION, "format": INDEX_FORMAT,
                "docs": json.dumps([asdict(d) for d in sorted(docs, key=lambda d: d.symbol)])}
        manifest = self.client.get_or_create_collection(MANIFEST, embedding_function=None,
                                                        metadata=meta)
        manifest.modify(metadata=meta)

    # -- write ----------------------------------------------------------------------------
    def _collection(self, name: str) -> Any:
        return self.client.get_or_create_collection(
            name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}})

    def put(self, collection: str, docs: Sequence[tuple[DocInfo, Sequence[Unit]]],
            embedder: Embedder, *, keep: Sequence[DocInfo] = (), progress: bool = False,
            ) -> IndexInfo:
        """Embed and store the documents' nodes under their new generation, then put them in
        service beside `keep`, then delete what they replace. A crash before the switch leaves
        the previous documents in service; one after it leaves only unread leftovers, which
        the next write sweeps."""
        from llama_index.core.schema import BaseNode, TextNode
        from llama_index.vector_stores.chroma import ChromaVectorStore

        try:
            target = self._collection(collection)
            vector_store = ChromaVectorStore(chroma_collection=target)
            pieces = [p for info, units in docs for p in _pieces(info, units)]
            bar = tqdm(total=len(pieces), desc=f"embedding {len(docs)} document(s)",
                       unit=" texts", file=sys.stderr, disable=not progress, leave=False)
            for start in range(0, len(pieces), 256):
                chunk = pieces[start:start + 256]
                vectors = embedder.encode([p[1] for p in chunk])
                nodes: list[BaseNode] = [
                    TextNode(id_=node_id, text=text, embedding=vec.tolist(), metadata=meta)
                    for (node_id, _, text, meta), vec in zip(chunk, vectors, strict=True)]
                vector_store.add(nodes)
                bar.update(len(chunk))
            bar.close()
            in_service = {d.symbol: d for d in keep}
            in_service.update({info.symbol: info for info, _ in docs})
            self._write_manifest(collection, list(in_service.values()), embedder.name)
            self.sweep()
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"writing to the index at {self.location} failed ({_why(exc)}); "
                             "the documents indexed before are unchanged") from None
        info = self.info()
        assert info is not None
        return info

    def remove(self, symbol: str) -> IndexInfo:
        info = self.info()
        if info is None or info.doc(symbol) is None:
            held = ", ".join(d.symbol for d in info.docs) if info else "nothing"
            raise KeyError(f"{symbol} is not indexed (the index holds {held})")
        self._write_manifest(info.collection, [d for d in info.docs if d.symbol != symbol],
                             info.model)
        self.sweep()
        new = self.info()
        assert new is not None
        return new

    def sweep(self) -> None:
        """Delete nodes no document in service owns (replaced or removed documents, an
        interrupted write) and collections of other settings."""
        info = self.info()
        if info is None:
            return
        active = [f"{d.symbol}@{d.gen}" for d in info.docs]
        try:
            col = self.client.get_collection(info.collection, embedding_function=None)
            col.delete(where={"dg": {"$nin": active}} if active else {"level": {"$ne": ""}})
        except Exception as exc:  # leftovers cost disk, never answers: they are filtered out
            log.warning("could not sweep the index: %s", _why(exc))
        for other in self.client.list_collections():
            name = getattr(other, "name", str(other))
            if name.startswith(PREFIX) and name not in (info.collection, MANIFEST):
                try:
                    self.client.delete_collection(name)
                except Exception as exc:
                    log.warning("could not delete old index %s: %s", name, _why(exc))

    # -- read -----------------------------------------------------------------------------
    def units(self, info: IndexInfo) -> list[Unit]:
        """Every unit of the documents in service, in document order."""
        active = {f"{d.symbol}@{d.gen}" for d in info.docs}
        try:
            got = self.client.get_collection(info.collection, embedding_function=None).get(
                where={"level": {"$in": ["unit", "sub"]}}, include=["documents", "metadatas"])
        except Exception as exc:
            raise StoreError(f"the index at {self.location} cannot be read ({_why(exc)}): "
                             "run `resolution-qa index --rebuild`") from None
        rows = sorted(((str(m["doc"]), int(m.get("order", 0)), d, m) for d, m in
                       zip(got["documents"], got["metadatas"], strict=True)
                       if m.get("dg") in active), key=lambda r: r[:2])
        # Sorted by position in the document, which stored ids alone do not give ("B.2").
        return [Unit(doc=str(m["doc"]), doc_title=str(m["doc_title"]), id=str(m["para"]),
                     kind=str(m["kind"]), label=str(m["label"]), text=str(d),
                     links=tuple(x for x in str(m.get("links", "")).split(",") if x),
                     section=str(m.get("section", "")), parent=str(m.get("parent", "")))
                for _, _, d, m in rows]

    def retriever(self, info: IndexInfo, embedder: Embedder) -> DenseRetriever:
        return DenseRetriever(self, info, embedder)


class DenseRetriever:
    """Nearest units and clauses to a question in the active collection.

    Queries Chroma for ids and distances only: node ids encode the unit and clause, whose text
    the caller already holds, so nothing else crosses from the store on the hot path.
    """

    def __init__(self, store: Store, info: IndexInfo, embedder: Embedder) -> None:
        try:
            self.collection = store.client.get_collection(info.collection,
                                                          embedding_function=None)
            self.size = int(self.collection.count())
        except Exception as exc:
            raise StoreError(f"the index at {store.location} cannot be read ({_why(exc)}): "
                             "run `resolution-qa index --rebuild`") from None
        self.store = store
        self.embedder = embedder
        self.gens = {d.gen for d in info.docs}

    def search(self, query: str, n: int, vector: np.ndarray | None = None,
               doc: str | None = None) -> list[DenseMatch]:
        """`vector`: the query's embedding when the caller already has it; `doc`: one
        document's nodes only (a metadata filter in Chroma)."""
        if vector is None:
            vector = self.embedder.encode_one(query)
        try:
            got = self.collection.query(query_embeddings=[vector],
                                        n_results=max(1, min(n, self.size)),
                                        where={"doc": doc} if doc else None,
                                        include=["distances"])
        except Exception as exc:
            raise StoreError(f"searching the index at {self.store.location} failed "
                             f"({_why(exc)})") from None
        out = []
        for node_id, distance in zip(got["ids"][0], got["distances"][0], strict=True):
            # The collection uses cosine space: distance = 1 - cosine.
            cosine = 1.0 - float(distance)
            gen, _, node_id = node_id.partition(":")
            if gen not in self.gens:
                continue  # left by an interrupted write: not in service
            if WINDOW_SEP in node_id:
                out.append(DenseMatch(node_id.partition(WINDOW_SEP)[0], None, cosine, True))
                continue
            key, _, clause = node_id.partition(CLAUSE_SEP)
            out.append(DenseMatch(unit_key=key, clause=int(clause) if clause else None,
                                  cosine=cosine))
        return out


def move_aside(path: Path) -> Path | None:
    """Move an unreadable embedded index out of the way (kept, never deleted) so a fresh one
    can be built; returns where it went."""
    if not path.exists():
        return None
    keep = {"README.md", ".gitkeep"}
    items = [p for p in path.iterdir() if p.name not in keep]
    if not items:
        return None
    dest = path.parent / f"{path.name}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}"
    dest.mkdir(parents=True, exist_ok=False)
    for item in items:
        shutil.move(str(item), dest / item.name)
    _forget_clients()
    return dest


def _forget_clients() -> None:
    """Chroma caches one system per path in-process; drop it after files moved underneath."""
    try:
        from chromadb.api.client import SharedSystemClient

        SharedSystemClient.clear_system_cache()
    except Exception:  # noqa: BLE001 - only a cache; nothing to report
        pass
