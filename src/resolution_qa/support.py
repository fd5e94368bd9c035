"""Is a sentence supported by the units it cites? A calibrated score from the embedding model and
the words the sentence shares with the cited text.

A model paraphrases, so a quote match is not enough; a paraphrase that changes a number, an
actor or a stance is not support either. Three features, each measurable on any text: the
cosine between the sentence and the closest cited clause or paragraph, the share of the
sentence's content words that the cited text holds, and the share of its figures (numbers,
dates) that the cited text does not hold. A logistic model over them is fitted on labelled
sentence-paragraph pairs (eval/support_pairs.jsonl) by `python -m resolution_qa.support`, which
reports precision and recall on a held-out half and writes data/support.json.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from .corpus import clauses
from .embed import Embedder
from .lexical import tokens

_FIGURE = re.compile(r"\b\d[\d,.]*\b")
COEFFICIENTS = "support.json"


def _figures(text: str) -> set[str]:
    return {m.group(0).rstrip(".,").replace(",", "") for m in _FIGURE.finditer(text)}


def features(embedder: Embedder, sentence: str, texts: Sequence[str]) -> np.ndarray:
    """[cosine, word share, unmatched figure share] of a sentence against its cited texts."""
    if not texts:
        return np.array([0.0, 0.0, 1.0])
    pieces = [t for text in texts for t in (text, *clauses(text))]
    vectors = embedder.encode([sentence, *pieces])
    cosine = float((vectors[1:] @ vectors[0]).max())
    words = set(tokens(sentence))
    held = set().union(*(tokens(t) for t in texts))
    share = len(words & held) / len(words) if words else 0.0
    figures = _figures(sentence)
    cited_figures = set().union(*(_figures(t) for t in texts))
    missing = len(figures - cited_figures) / len(figures) if figures else 0.0
    return np.array([cosine, share, missing])


@dataclass(frozen=True)
class SupportModel:
    """Logistic weights over `features`; supported when the probability reaches `threshold`,
    chosen on the fitted half."""

    weights: tuple[float, float, float]
    bias: float
    threshold: float = 0.5

    def probability(self, x: np.ndarray) -> float:
        return float(1.0 / (1.0 + np.exp(-(np.dot(self.weights, x) + self.bias))))

    @classmethod
    def load(cls) -> SupportModel:
        data = json.loads((resources.files("resolution_qa") / "data" / COEFFICIENTS)
                          .read_text(encoding="utf-8"))
        return cls(tuple(data["weights"]), float(data["bias"]),  # type: ignore[arg-type]
                   float(data.get("threshold", 0.5)))

    def supports(self, x: np.ndarray) -> bool:
        return self.probability(x) >= self.threshold


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 50) -> SupportModel:
    """Logistic regression by Newton's method (a handful of features, a few hundred rows)."""
    a = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(a.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-a @ w))
        grad = a.T @ (p - y) + l2 * w
        hess = (a * (p * (1 - p))[:, None]).T @ a + l2 * np.eye(len(w))
        w -= np.linalg.solve(hess, grad)
    return SupportModel(tuple(float(v) for v in w[:-1]), float(w[-1]))  # type: ignore[arg-type]


def held_out(doc: str, unit: str) -> bool:
    """Half the paragraphs, fixed by a hash: both sentences of a paragraph fall on one side."""
    return int(hashlib.sha256(f"{doc}#{unit}".encode()).hexdigest(), 16) % 2 == 1


def calibrate(pairs_path: Path, embedder: Embedder, texts: dict[str, str]) -> dict[str, Any]:
    """Fit on one half of the labelled pairs, report precision and recall on the other."""
    rows = [json.loads(line) for line in pairs_path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    x = np.array([features(embedder, r["sentence"], [texts[f"{r['doc']}#{r['unit']}"]])
                  for r in rows])
    y = np.array([1.0 if r["supported"] else 0.0 for r in rows])
    test = np.array([held_out(r["doc"], r["unit"]) for r in rows])
    model = fit(x[~test], y[~test])
    fitted = np.array([model.probability(v) for v in x[~test]])
    # The threshold that labels the fitted half best; ties go to the stricter one, as a
    # flagged true sentence costs less than a false one kept.
    grid = np.round(np.arange(0.3, 0.91, 0.05), 2)
    threshold = max(grid, key=lambda t: (((fitted >= t) == (y[~test] == 1.0)).mean(), t))
    model = SupportModel(model.weights, model.bias, round(float(threshold), 2))
    predicted = np.array([model.supports(v) for v in x[test]])
    truth = y[test] == 1.0
    tp = float((predicted & truth).sum())
    report = {"pairs": len(rows), "fitted_on": int((~test).sum()), "held_out": int(test.sum()),
              "precision": tp / max(1.0, float(predicted.sum())),
              "recall": tp / max(1.0, float(truth.sum())),
              "accuracy": float((predicted == truth).mean())}
    return {**report, "weights": list(model.weights), "bias": model.bias,
            "threshold": model.threshold}


def main() -> None:  # pragma: no cover - a maintainer's command, run by `make calibrate`
    from . import corpus
    from .settings import get_settings

    pairs = Path(sys.argv[1] if len(sys.argv) > 1 else "eval/support_pairs.jsonl")
    docs = sorted(Path("tests/data/resolutions").glob("*.txt"))
    texts = {u.key: u.text for d in docs for u in corpus.read(d).units}
    result = calibrate(pairs, Embedder(get_settings().model_path), texts)
    out = Path(__file__).parent / "data" / COEFFICIENTS
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k not in ("weights", "bias")}))


if __name__ == "__main__":
    main()
