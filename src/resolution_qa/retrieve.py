"""Dense, BM25 and hybrid retrieval over units; returns ranked Hits.

Dense scores come from Chroma over unit and clause nodes, aggregated to the unit (a paragraph is
as relevant as its best clause). BM25 runs in memory over the same units (lexical.py). Hybrid is
a weighted sum of the dense cosine and the BM25 score normalised by the query's best.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from . import checks
from .corpus import clauses, document_refs
from .lexical import BM25, WORD, Acronyms, VocabularyBridge, compounds, expand, sessions, tokens
from .lexicon import GLOSSARY
from .refs import (
    ASKS_ARTICLES,
    ASKS_CITED,
    CITES_ARTICLE,
    KIND_HINTS,
    NAMING,
    explicit_refs,
    last_paragraphs,
)
from .store import DenseRetriever
from .types import Hit, Unit, unit_key

KIND_BONUS = 0.15
# A question after one kind of thing ("how much", "by when") is answered by a unit that holds
# one: such units rank this much higher (checks.ANSWER_TYPES). 0.05 to 0.2 measured alike on
# the tuning and seen held-out sets (README, Evaluation); the answerer judges without it.
TYPE_BONUS = 0.1

# Nodes (units, clauses, windows) fetched from the vector store per question: every node of a
# resolution or a few, a bounded share of a large index (the rest count as dense 0).
DENSE_CANDIDATES = 400
# A footnote is read with the paragraph that calls it: it ranks at least this share of that
# paragraph's score (questions on a quoted report want both the quote and its source).
FOOTNOTE_SHARE = 0.9
# A window of a long clause (corpus.windows) counts for 0.9 of its cosine: measured best at
# 0.9 on the tuning set (0.8 and 0.95 lower Hit@1); undiscounted, short stretches outrank
# whole paragraphs that answer better.
WINDOW_SHARE = 0.9


class Retriever:
    """Ranks the units of one index for a question, in any of the three modes."""

    def __init__(self, units: Sequence[Unit], dense: DenseRetriever,
                 dense_weight: float = 0.5, cache: Path | None = None) -> None:
        # Paragraphs rank; their sub-paragraphs are among their clauses, cited by the answerer.
        self.units = [u for u in units if not u.parent]
        self.by_key = {u.key: u for u in self.units}
        self.clauses = {u.key: clauses(u.text) for u in self.units}
        self.by_id: dict[str, Unit] = {}
        for u in self.units:
            self.by_id.setdefault(u.id, u)
        self.dense = dense
        self.dense_weight = dense_weight
        self.bm25 = BM25([tokens(f"{u.label} {u.text}") + compounds(u.text) + sessions(u.text)
                          for u in self.units])
        self.acronyms = Acronyms(self.units)
        # Glossary words whose terms this index uses (read once; see search's `unseen`).
        self.glossed = frozenset(w for w, terms in GLOSSARY.items()
                                 if any(t in self.bm25.idf for t in tokens(" ".join(terms))))
        self.bridge = VocabularyBridge(self.units, dense.embedder, self.bm25.idf.keys(),
                                       cache=cache)
        self.last = {d: last_paragraphs(self.units, d) for d in {u.doc for u in self.units}}
        self.last[""] = last_paragraphs(self.units)
        self.docs = frozenset(u.doc for u in self.units)
        # Each document's words: "unseen" is judged against the document a hit comes from.
        self.vocab: dict[str, set[str]] = {}
        for u, toks in zip(self.units, self.bm25.docs, strict=True):
            self.vocab.setdefault(u.doc, set()).update(toks)
        self.citing = {u.key for u in self.units if u.kind != "title" and document_refs(u.text)}
        self.citing_articles = {u.key for u in self.units if CITES_ARTICLE.search(u.text)}
        self.holding = {t.name: {u.key for u in self.units if t.held_by(u.text)}
                        for t in checks.ANSWER_TYPES}

    def search(self, query: str, mode: str = "hybrid", top_k: int = 5,
               doc: str | None = None) -> list[Hit]:
        """Every mode computes the dense evidence too: the answerer needs it to decide whether
        the resolution answers at all and which clause to quote. `doc` restricts both sides to
        one document (a metadata filter in Chroma, the same filter lexically)."""
        expanded = expand(query, self.acronyms)
        # One model call embeds the question and any words the bridge has not looked up yet.
        unknown = self.bridge.unknown(query)
        new = self.bridge.unlooked(unknown)
        vectors = self.dense.embedder.encode([expanded, *new])
        vector = vectors[0]
        self.bridge.learn(new, vectors[1:])
        bridged = self.bridge.nearest(unknown)
        matches = self.dense.search(expanded, n=min(self.dense.size, DENSE_CANDIDATES),
                                    vector=vector, doc=doc)
        unit_cos: dict[str, float] = {}
        whole_cos: dict[str, float] = {}
        clause_cos: dict[str, list[tuple[str, float]]] = {}
        for m in matches:
            if m.unit_key not in self.by_key:
                continue
            if m.window:  # ranks its paragraph, discounted: a stretch is no whole clause
                unit_cos[m.unit_key] = max(unit_cos.get(m.unit_key, -1.0),
                                           WINDOW_SHARE * m.cosine)
                continue
            if m.clause is not None:
                parts = self.clauses[m.unit_key]
                if m.clause < len(parts):
                    clause_cos.setdefault(m.unit_key, []).append((parts[m.clause], m.cosine))
            else:
                whole_cos[m.unit_key] = m.cosine
            unit_cos[m.unit_key] = max(unit_cos.get(m.unit_key, -1.0), m.cosine)

        if bridged:  # for the lexical side only: the dense side reads the words in context
            expanded = f"{expanded} {' '.join(bridged)}"
        expanded = NAMING.sub(lambda m: f"{m.group(1) or ''}{m.group(2) or ''}", expanded)
        qtokens = tokens(expanded) + [c for c in compounds(expanded, negations=True)
                                      + sessions(expanded) if c in self.bm25.idf]
        raw = self.bm25.scores(qtokens)
        cover = self.bm25.coverage(qtokens)
        # Judged on the words as asked (glossary additions would hide a lay word's absence),
        # with acronyms read as the names they stand for.
        mapped = {t for w in unknown if self.bridge.nearest([w]) for t in tokens(w)}
        # A lay word the glossary maps onto the resolution's terms ("countries" -> "States")
        # is no sign of a foreign topic either.
        mapped |= {t for w in WORD.findall(query.lower()) if w in self.glossed
                   for t in tokens(w)}
        asked = [t for t in tokens(self.acronyms.spell(query)) if t not in mapped]
        unseen: dict[str, float] = {}  # per document, for the documents of the hits kept only
        top = max(raw) if raw else 0.0
        lexical = {u.key: (s / top if top > 0 else 0.0) for u, s in zip(self.units, raw,
                                                                         strict=True)}
        w = self.dense_weight
        hinted = {kind for kind, pattern in KIND_HINTS.items() if pattern.search(query)}
        cites_asked = bool(ASKS_CITED.search(query))
        articles_asked = bool(ASKS_ARTICLES.search(query))
        typed = [self.holding[t.name] for t in checks.expected_types(query)]
        bonus: dict[str, float] = {}
        scores = {}
        for u in self.units:
            d, lx = max(unit_cos.get(u.key, 0.0), 0.0), lexical[u.key]
            scores[u.key] = {"dense": d, "bm25": lx}.get(mode, w * d + (1 - w) * lx)
        for u in self.units:
            if u.kind == "footnote":
                anchors = [scores.get(unit_key(u.doc, a), 0.0) for a in u.links]
                scores[u.key] = max([scores[u.key], *(FOOTNOTE_SHARE * a for a in anchors)])
        for u in self.units:  # after the footnote's share: "the footnote" asked for leads
            if u.kind in hinted:
                scores[u.key] += KIND_BONUS
            if cites_asked and u.key in self.citing:
                scores[u.key] += KIND_BONUS
            if articles_asked and u.key in self.citing_articles:
                scores[u.key] += KIND_BONUS
            if any(u.key in held for held in typed):
                scores[u.key] += TYPE_BONUS
                bonus[u.key] = TYPE_BONUS
        hits = [Hit(unit=u, score=scores[u.key], dense=max(unit_cos.get(u.key, 0.0), 0.0),
                    lexical=lexical[u.key], coverage=cov,
                    whole=max(whole_cos.get(u.key, 0.0), 0.0),
                    clauses=tuple(sorted(clause_cos.get(u.key, []), key=lambda c: -c[1])),
                    typed=bonus.get(u.key, 0.0))
                for u, cov in zip(self.units, cover, strict=True) if doc is None or u.doc == doc]
        refs = explicit_refs(query, self.last.get(doc or "", self.last.get("", {})), self.docs)
        boost = {uid: len(refs) - i for i, uid in enumerate(refs)}
        hits.sort(key=lambda h: (boost.get(h.unit.id, 0), h.score), reverse=True)
        if mode == "bm25":
            # With no lexical match at all, BM25 has no order to offer: keep document order
            # rather than pretend (the answerer will refuse on the evidence).
            hits = [h for h in hits if h.lexical > 0 or h.unit.id in boost] or hits
        for h in hits[:top_k]:
            if h.unit.doc not in unseen:
                unseen[h.unit.doc] = self.bm25.unseen_share(asked, self.vocab[h.unit.doc])
        return [replace(h, unseen=unseen[h.unit.doc]) for h in hits[:top_k]]
