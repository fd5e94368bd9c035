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
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
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
class IndexInfo:
    collection: str
    fingerprint: str
    corpus: tuple[str, ...]  # files indexed; empty tuple means the shipped resolution
    corpus_sha: str
    model: str
    units: int
    built_at: str


@dataclass(frozen=True)
class DenseMatch:
    unit_key: str
    clause: int | None  # index into corpus.clauses(unit.text), or None for the whole unit
    cosine: float
    window: bool = False  # a stretch of a long clause (corpus.windows), not the unit or a clause


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
        """The active build, or None when nothing complete was ever built here."""
        try:
            names = {getattr(c, "name", str(c)) for c in self.client.list_collections()}
            if MANIFEST not in names:
                return None
            active = (self.client.get_collection(MANIFEST, embedding_function=None).metadata
                      or {}).get("active")
            if not active or active not in names:
                return None
            meta = self.client.get_collection(active, embedding_function=None).metadata or {}
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"the index at {self.location} cannot be read ({_why(exc)}): "
                             "run `resolution-qa index --rebuild`") from None
        return IndexInfo(collection=active, fingerprint=str(meta.get("fingerprint", "")),
                         corpus=tuple(json.loads(str(meta.get("corpus", "[]")))),
                         corpus_sha=str(meta.get("corpus_sha", "")),
                         model=str(meta.get("model", "")), units=int(meta.get("units", 0)),
                         built_at=str(meta.get("built_at", "")))

    # -- build ----------------------------------------------------------------------------
    def build(self, units: Sequence[Unit], embedder: Embedder, *, fingerprint: str,
              corpus: Sequence[str], corpus_sha: str,
              progress: bool = False) -> IndexInfo:
        """Embed and store every unit and clause in a new collection, then make it active."""
        from llama_index.core import StorageContext, VectorStoreIndex
        from llama_index.core.schema import TextNode
        from llama_index.vector_stores.chroma import ChromaVectorStore

        name = f"{PREFIX}{fingerprint}-{uuid.uuid4().hex[:8]}"
        built_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        meta = {"fingerprint": fingerprint, "corpus": json.dumps(list(corpus)),
                "corpus_sha": corpus_sha, "model": embedder.name, "parser": PARSER_VERSION,
                "format": INDEX_FORMAT, "units": len(units),
                "built_at": built_at}
        pieces: list[tuple[str, str, str, Unit]] = []  # node id, embedded text, stored text, unit
        for unit in units:
            pieces.append((unit.key, embed_text(unit), unit.text, unit))
            parts = clauses(unit.text)
            if len(parts) > 1:
                for i, part in enumerate(parts):
                    pieces.append((f"{unit.key}{CLAUSE_SEP}{i}", part, part, unit))
            for i, part in enumerate(windows(unit.text)):
                pieces.append((f"{unit.key}{WINDOW_SEP}{i}", part, part, unit))
        try:
            collection = self.client.create_collection(
                name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}},
                metadata={"building": True})
            nodes = []
            batch = 64
            bar = tqdm(total=len(pieces), desc=f"embedding {len(units)} units, clauses and windows",
                       unit=" texts", file=sys.stderr, disable=not progress, leave=False)
            for start in range(0, len(pieces), batch):
                chunk = pieces[start:start + batch]
                vectors = embedder.encode([p[1] for p in chunk])
                for (node_id, _, text, unit), vec in zip(chunk, vectors, strict=True):
                    nodes.append(TextNode(
                        id_=node_id, text=text, embedding=vec.tolist(),
                        metadata={"doc": unit.doc, "doc_title": unit.doc_title, "para": unit.id,
                                  "kind": unit.kind, "label": unit.label,
                                  "links": ",".join(unit.links),
                                  "level": "unit" if node_id == unit.key else
                                  "window" if WINDOW_SEP in node_id else "clause",
                                  "unit_key": unit.key}))
                bar.update(len(chunk))
            bar.close()
            storage = StorageContext.from_defaults(
                vector_store=ChromaVectorStore(chroma_collection=collection))
            # Embeddings are already on the nodes, so llama-index only writes them.
            VectorStoreIndex(nodes, storage_context=storage,
                             embed_model=llama_embedding(embedder))
            collection.modify(metadata=meta)
            self._activate(name)
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"building the index at {self.location} failed ({_why(exc)}); "
                             "the previous index, if any, is unchanged") from None
        info = self.info()
        assert info is not None
        return info

    def _activate(self, name: str) -> None:
        manifest = self.client.get_or_create_collection(
            MANIFEST, embedding_function=None, metadata={"active": name})
        manifest.modify(metadata={"active": name})
        for col in self.client.list_collections():
            other = getattr(col, "name", str(col))
            if other.startswith(PREFIX) and other not in (name, MANIFEST):
                try:
                    self.client.delete_collection(other)
                except Exception as exc:  # an old build left behind costs disk, not answers
                    log.warning("could not delete old index %s: %s", other, _why(exc))

    # -- read -----------------------------------------------------------------------------
    def units(self, info: IndexInfo) -> list[Unit]:
        """Every unit of the active build, in document order."""
        try:
            got = self.client.get_collection(info.collection, embedding_function=None).get(
                where={"level": "unit"}, include=["documents", "metadatas"])
        except Exception as exc:
            raise StoreError(f"the index at {self.location} cannot be read ({_why(exc)}): "
                             "run `resolution-qa index --rebuild`") from None
        units = [
            Unit(doc=str(m["doc"]), doc_title=str(m["doc_title"]), id=str(m["para"]),
                 kind=str(m["kind"]), label=str(m["label"]), text=str(d),
                 links=tuple(x for x in str(m.get("links", "")).split(",") if x))
            for d, m in zip(got["documents"], got["metadatas"], strict=True)
        ]
        order = {"title": 0, "preambular": 1, "operative": 2, "footnote": 3}
        return sorted(units, key=lambda u: (u.doc, order.get(u.kind, 9),
                                            int("".join(c for c in u.id if c.isdigit()) or 0)))

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

    def search(self, query: str, n: int, vector: np.ndarray | None = None) -> list[DenseMatch]:
        """`vector`: the query's embedding when the caller already has it."""
        if vector is None:
            vector = self.embedder.encode_one(query)
        try:
            got = self.collection.query(query_embeddings=[vector],
                                        n_results=max(1, min(n, self.size)),
                                        include=["distances"])
        except Exception as exc:
            raise StoreError(f"searching the index at {self.store.location} failed "
                             f"({_why(exc)})") from None
        out = []
        for node_id, distance in zip(got["ids"][0], got["distances"][0], strict=True):
            # The collection uses cosine space: distance = 1 - cosine.
            cosine = 1.0 - float(distance)
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
