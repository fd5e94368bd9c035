"""Dense, BM25 and hybrid retrieval over units; returns ranked Hits.

Dense scores come from Chroma over unit and clause nodes, aggregated to the unit (a paragraph is
as relevant as its best clause). BM25 runs in memory over the same units. Hybrid is a weighted
sum of the dense cosine and the BM25 score normalised by the query's best.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from nltk.stem.porter import PorterStemmer

from .corpus import MONTHS, ORDINALS, SYMBOL, clauses, document_refs, ordinal, session_refs, spelled
from .embed import Embedder
from .lexicon import GLOSSARY
from .store import DenseRetriever
from .types import Hit, Unit, unit_key

_STOP = frozenset("""
a about above after again all also am an and any are as at be been being both but by can could
did do does doing for from further had has have having he her here hers how i if in into is it
its itself just me more most my no nor not of off on once only or other our out over own same she
should so some such than that the their them then there these they this those through to too
under until up very was we were what when where which while who whom why will with would you your
resolution assembly paragraph say says said tell mention mentions mentioned somewhere anywhere
address addresses addressed addressing
""".split())
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Porter stems cut to six characters: a light extra conflation of forms Porter keeps apart
# ("government" and "governing", "identification" and "identify") that measured better on
# every question set (README, Evaluation) than Porter, Snowball or Lancaster alone.
STEM_CHARS = 6
_stemmer = PorterStemmer()


# Explicit references: "paragraph 7", "para. 7", "¶7", "op 7", "preambular paragraph 2", "PP2",
# "footnote 1". A reader who names a paragraph wants that paragraph first.
_REF_OP = re.compile(r"(?:operative\s+)?(?:paragraph|para\.?|¶|op\.?)\s*(\d{1,3})\b", re.I)
_REF_PP = re.compile(r"\b(?:preambular\s+(?:paragraph|para\.?)\s*|pp\s?)(\d{1,2})\b", re.I)
_REF_FN = re.compile(r"\b(?:footnote|fn)\s*(\d{1,2})\b", re.I)
# "paragraph 15 of ICC-ASP/10/Res.2", "paragraph 80 of the Bureau's report": a paragraph of
# another document, which no unit here is. "of the resolution", "of this text" stay ours.
_OWN = r"(?:this|the|our|that)\s+(?!(?:previous|earlier|last|prior|other)\b)(?:[a-z]+\s+)?" \
       r"(?:resolution|text|document)\b"
_ELSEWHERE = re.compile(
    rf"\s*(?:\(\w\)\s*)?(?:(?:(?:of|in|from)\s+)?({SYMBOL.pattern})|(?:of|in|from)\s+"
    rf"(?!{_OWN})(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?(?:report|resolution|decision|statute|"
    r"agreement|declaration|document|plan|convention)s?\b)", re.I)


def tokens(text: str) -> list[str]:
    """Stemmed content words; document symbols and numbers are kept whole."""
    out = []
    # Document symbols ("ICC-ASP/10/Res.5") are one token each, so that "ICC" in a question (the
    # Court) does not match every paragraph that cites an earlier resolution.
    text = SYMBOL.sub(lambda m: re.sub(r"[^a-z0-9]", "", m.group(0).lower()), text)
    for word in _WORD.findall(text.lower()):
        for part in word.split("-") if "-" in word else (word,):
            if part not in _STOP and len(part) > 1:
                out.append(part if any(c.isdigit() for c in part)
                           else _stemmer.stem(part)[:STEM_CHARS])
    return out


# "not cooperating", "don't execute", "failing to comply": the negated word, which a resolution
# writes as a "non-" compound ("non-cooperation", "non-execution").
_NEGATED = re.compile(r"\b(?:not|no|never|without|fail(?:s|ed|ing|ure)?\s+to|refus\w*\s+to|"
                      r"\w+n[’']t)\s+(?:(?:be|being|been|to|the|a|an|fully|yet|really)\s+)?"
                      r"([a-z]{3,})", re.I)


def compounds(text: str, negations: bool = False) -> list[str]:
    """One token for each hyphenated word ("non-cooperation" -> "noncooper"), beside the
    tokens of its parts: the compound is rarer and more telling than its parts. With
    `negations`, a negated word counts as its "non-" compound."""
    words = [w for w in _WORD.findall(SYMBOL.sub(" ", text).lower()) if "-" in w]
    if negations:
        words += [f"non-{m.group(1).lower()}" for m in _NEGATED.finditer(text)]
    return ["".join(p if p[0].isdigit() else _stemmer.stem(p)[:STEM_CHARS]
                    for p in w.split("-") if p) for w in words]


def sessions(text: str) -> list[str]:
    """One token per Assembly session named, in words or through a symbol: "sixth session"
    and "ICC-ASP/6/Res.2" both give "session6"."""
    return [s.replace(" ", "") for s in session_refs(text)]


def glossary_terms(text: str) -> list[str]:
    """The resolution's terms for the lay words and two-word phrases of `text`
    (data/glossary.json)."""
    found = _WORD.findall(text.lower())
    words = [p for w in found  # "icc-un": the parts too
             for p in ([w, *w.split("-")] if "-" in w else [w])]
    words += [f"{a} {b}" for a, b in zip(found, found[1:], strict=False)]  # "carry out"
    return [t for w in dict.fromkeys(words) for t in GLOSSARY.get(w, ())]


# A number that counts, not one that cites ("paragraph 4", "article 93", "ASP/11", "Res.5").
_COUNT = re.compile(r"(?<![\w/.¶-])(?<!paragraph )(?<!para )(?<!para\. )(?<!article )"
                    r"(?<!rule )(?<!part )(?<!session )(?<!op )(?<!pp )(?<!footnote )(?<!fn )"
                    r"(\d{1,2})(?![\w/.-]|\(| of (?:the )?(?:resolution|text|ICC)\b"
                    rf"| (?:{MONTHS})\b)", re.I)


def expand(query: str, acronyms: Acronyms | None = None) -> str:
    """Add the resolution's terms for the lay words in a query (see data/glossary.json) and
    the names its acronyms stand for ("APIC")."""
    extra = glossary_terms(query)
    # A count in digits, as a resolution writes it: "66 recommendations" -> "sixty-six".
    extra += [spelled(int(m.group(1))) for m in _COUNT.finditer(query)]
    if acronyms:
        extra += acronyms.names(query)
    return f"{query} {' '.join(extra)}" if extra else query


_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_NAME_WORD = re.compile(r"[A-Za-z][\w’'-]*|[^\w\s]")  # punctuation ends a name
_LINKS = frozenset({"of", "on", "and", "the", "for", "in", "to"})


class Acronyms:
    """Reads acronyms the corpus never spells out ("APIC", "UNSC") as the capitalised names
    in the corpus whose initials they follow ("Agreement on Privileges and Immunities of the
    International Criminal"): people abbreviate the instruments resolutions name in full."""

    def __init__(self, units: Sequence[Unit], max_skipped: int = 2) -> None:
        self.runs: list[list[str]] = []  # capitalised names, linking words kept inside
        for u in units:
            run: list[str] = []
            for word in _NAME_WORD.findall(SYMBOL.sub(" . ", u.text)):
                if word[0].isupper() or (run and word in _LINKS):
                    run.append(word)
                else:
                    self._keep(run)
                    run = []
            self._keep(run)
        self.known = {w.lower() for run in self.runs for w in run}
        self.max_skipped = max_skipped
        self._cache: dict[str, str] = {}

    def _keep(self, run: list[str]) -> None:
        while run and run[-1] in _LINKS:
            run.pop()
        if sum(w[0].isupper() for w in run) >= 2:
            self.runs.append(run)

    def expansion(self, acronym: str) -> str:
        """The shortest corpus name the acronym's letters are initials of, in order (at most
        `max_skipped` capitalised words between them); "" when none is."""
        if acronym not in self._cache:
            if len(self._cache) > 50_000:  # bounded: a long-running chat server
                self._cache.clear()
            best: list[str] = []
            for run in self.runs:
                for start, word in enumerate(run):
                    if word[0] != acronym[0]:
                        continue
                    got, skipped = 1, 0
                    for end in range(start + 1, len(run)):
                        if got == len(acronym) or skipped > self.max_skipped:
                            break
                        w = run[end]
                        if w in _LINKS:
                            continue
                        if w[0] == acronym[got]:
                            got += 1
                        else:
                            skipped += 1
                        if got == len(acronym) and (not best or end + 1 - start < len(best)):
                            best = run[start:end + 1]
            self._cache[acronym] = " ".join(best)
        return self._cache[acronym]

    def _spellable(self, acronym: str) -> str:
        if acronym.lower() in self.known or acronym.lower() in GLOSSARY:
            return ""  # the corpus or the glossary already knows the word
        return self.expansion(acronym)

    def names(self, query: str) -> list[str]:
        """Expansions of the query's acronyms (document symbols aside)."""
        return [name for a in dict.fromkeys(_ACRONYM.findall(SYMBOL.sub(" ", query)))
                if (name := self._spellable(a))]

    def spell(self, query: str) -> str:
        """The query with its acronyms written out (document symbols left whole)."""
        pieces = re.split(f"({SYMBOL.pattern})", query)
        return "".join(p if i % 2 else _ACRONYM.sub(
            lambda m: self._spellable(m.group(0)) or m.group(0), p)
            for i, p in enumerate(pieces))


_REF_ORDINAL = re.compile(
    rf"\b(?:the\s+)?({'|'.join(ORDINALS)}|\d{{1,2}}(?:st|nd|rd|th))\s+"
    r"(operative|preambular)\s+(?:paragraph|para)", re.I)
_REF_THE_FN = re.compile(r"\bthe\s+((only|lone|single|sole|one)\s+)?foot-?note\b(?!\s*\d)", re.I)
_REF_LAST = re.compile(r"\b(?:the\s+)?(?:very\s+)?(?:last|final|closing)\s+"
                       r"(?:(operative|preambular)\s+)?(?:paragraph|para)\b", re.I)
# Words that say which part of a resolution the reader means.
KIND_HINTS = {
    "preambular": re.compile(r"\b(preamble|preambular|introductory|intro|introduction|recitals?|"
                             r"at the (very )?"
                             r"(start|beginning|outset)"
                             r"|opening (paragraphs?|paras?|part|section|lines))\b",
                             re.I),
    # "Where does the quoted line come from?": the note that gives a quotation's source.
    "footnote": re.compile(r"\bfoot-?notes?\b|\bnote at the (bottom|foot)\b"
                           r"|\b(source|reference|citation|document)\b[^?]{0,60}\b(quot\w*|"
                           r"passage|statement|line|acknowledg\w*)\b"
                           r"|\b(quot\w*|passage|line)\b[^?]{0,60}\b(source|come[sd]? from|"
                           r"taken from|drawn from|reference|document)\b", re.I),
    # Questions about the resolution as a document: when, how and under what symbol adopted.
    "title": re.compile(r"\b(adopted|adoption|symbol|consensus|voted?|voting|authors?|"
                        r"title[ds]?|entitled|heading|headline|"
                        r"authored|issued|issuing|(document|official|reference) number"
                        r"|(resolution|document|text) (is )?(called|named|known as)"
                        # "On what date did the Assembly welcome ...?": the text's own date
                        r"|(on|at) (what|which) (date|day) (did|was|were) (the |this )?"
                        r"(assembly|resolution|text|it))\b",
                        re.I),
}
KIND_BONUS = 0.15
# Nodes (units, clauses, windows) fetched from the vector store per question: every node of a
# resolution or a few, a bounded share of a large index (the rest count as dense 0).
DENSE_CANDIDATES = 400
# "Which articles of the Statute does it cite?": the units that cite articles or parts answer it.
_ASKS_ARTICLES = re.compile(r"\b(articles?|parts?|provisions?)\b.*\b(cite[sd]?|citing|"
                            r"refer(s|red)?|mention(s|ed)?|invoke[sd]?|quote[sd]?)\b"
                            r"|\bwhich (articles?|parts?|provisions?) of\b", re.I)
# "What is the resolution called?", "its official symbol": words that ask for the title, which
# would match "calls upon" and "officials" in the paragraphs; the lexical side drops them.
_NAMING = re.compile(r"\b(resolution|document|text|it|this)('s|’s| is| was)?\s+(called|named|"
                     r"known as)\b|\bofficial\s+(?=((document|reference)\s+)?(symbol|title|name|"
                     r"number)s?\b)", re.I)
_CITES_ARTICLE = re.compile(r"\b(article|part)\s+\d+", re.I)
# "Which earlier resolutions does the text cite?": the units that cite documents answer it.
ASKS_CITED = re.compile(r"\b(resolutions?|documents?|reports?|symbols?|texts?|instruments?)\b"
                        r".*\b(cite[sd]?|citing|refer(s|red)?|recall(s|ed)?|mention(s|ed)?)\b"
                        r"|\b(previous|earlier|prior|past)\s+(\w+\s+){0,4}?"
                        r"(resolutions?|documents?|reports?|texts?|decisions?)\b", re.I)
# A footnote is read with the paragraph that calls it: it ranks at least this share of that
# paragraph's score (questions on a quoted report want both the quote and its source).
FOOTNOTE_SHARE = 0.9
# A window of a long clause (corpus.windows) counts for 0.9 of its cosine: measured best at
# 0.9 on the tuning set (0.8 and 0.95 lower Hit@1); undiscounted, short stretches outrank
# whole paragraphs that answer better.
WINDOW_SHARE = 0.9


def last_paragraphs(units: Sequence[Unit], doc: str | None = None) -> dict[str, str]:
    """Ids of the last operative and preambular paragraphs, for "the last paragraph", and of
    the footnote of a document that has one only, for "the footnote": of `doc`, or of the only
    document ({} when there are several and none is named)."""
    docs = {u.doc for u in units}
    if doc is None and len(docs) != 1:
        return {}
    doc = doc or next(iter(docs))
    mine = [u for u in units if u.doc == doc and not u.parent]
    last: dict[str, str] = {}
    notes = [u.id for u in mine if u.kind == "footnote"]
    if len(notes) == 1:
        last["footnote"] = notes[0]
    for kind in ("operative", "preambular"):
        ids = [u.id for u in mine if u.kind == kind]
        if ids:
            last[kind] = ids[-1]
    return last


def explicit_refs(question: str, last: Mapping[str, str] | None = None,
                  docs: Collection[str] = ()) -> list[str]:
    """Unit ids the question names outright, in the order named; `last` resolves "the last
    (operative|preambular) paragraph" (see last_paragraphs). A paragraph "of" another document
    is not one of ours, unless that document is one of `docs`."""
    def elsewhere(end: int) -> bool:
        other = _ELSEWHERE.match(question, end)
        return other is not None and other.group(1) not in docs

    found: list[tuple[int, str]] = []
    for m in _REF_LAST.finditer(question):
        kind = (m.group(1) or "operative").lower()
        if last and kind in last:
            found.append((m.start(), last[kind]))
    for m in _REF_ORDINAL.finditer(question):
        n = ordinal(m.group(1))
        found.append((m.start(), f"PP{n}" if m.group(2).lower() == "preambular" else str(n)))
    for m in _REF_PP.finditer(question):
        if not elsewhere(m.end()):
            found.append((m.start(), f"PP{m.group(1)}"))
    pp_spans = [m.span() for m in _REF_PP.finditer(question)]
    for m in _REF_OP.finditer(question):
        if not any(a <= m.start() < b for a, b in pp_spans) and not elsewhere(m.end()):
            found.append((m.start(), m.group(1)))
    for m in _REF_FN.finditer(question):
        found.append((m.start(), f"fn{m.group(1)}"))
    if last and "footnote" in last:
        found += [(m.start(), last["footnote"]) for m in _REF_THE_FN.finditer(question)]
    return [uid for _, uid in sorted(found)]


@dataclass
class BM25:
    """Okapi BM25 (k1=1.2, b=0.75) over tokenised units, with stemming and stop words."""

    docs: Sequence[Sequence[str]]
    k1: float = 1.2
    b: float = 0.75
    idf: dict[str, float] = field(init=False)
    tfs: list[Counter[str]] = field(init=False)
    avgdl: float = field(init=False)

    def __post_init__(self) -> None:
        n = len(self.docs)
        df: Counter[str] = Counter()
        for doc in self.docs:
            df.update(set(doc))
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self.tfs = [Counter(doc) for doc in self.docs]
        self.avgdl = sum(len(d) for d in self.docs) / max(n, 1)

    def coverage(self, query: Sequence[str]) -> list[float]:
        """Share of the query's idf mass each doc contains: words the corpus never uses count
        at full weight, so "budget" questions score low against every paragraph."""
        unseen = math.log(1 + (len(self.docs) + 0.5) / 0.5)
        terms = set(query)
        total = sum(self.idf.get(t, unseen) for t in terms)
        if not total:
            return [0.0] * len(self.docs)
        return [sum(self.idf[t] for t in terms if t in tf) / total for tf in self.tfs]

    def unseen_share(self, query: Sequence[str], vocab: Collection[str] | None = None) -> float:
        """Share of the query's idf mass in words no unit (of `vocab`, one document's words)
        uses ("budget", "judges"): a question about something a text never mentions is likely
        one it does not answer."""
        unseen = math.log(1 + (len(self.docs) + 0.5) / 0.5)
        terms = set(query)
        known = self.idf if vocab is None else vocab
        total = sum(self.idf.get(t, unseen) for t in terms)
        return sum(self.idf.get(t, unseen) for t in terms if t not in known) / total \
            if total else 1.0

    def scores(self, query: Sequence[str]) -> list[float]:
        out = []
        for tf, doc in zip(self.tfs, self.docs, strict=True):
            norm = self.k1 * (1 - self.b + self.b * len(doc) / (self.avgdl or 1))
            s = 0.0
            for t in set(query):
                f = tf.get(t)
                if f:
                    s += self.idf[t] * f * (self.k1 + 1) / (f + norm)
            out.append(s)
        return out


class VocabularyBridge:
    """Maps question words the corpus never uses to the corpus word nearest in meaning, by the
    embedding model's similarity of single words ("relatives" -> "families"). The glossary
    covers terms of art by hand; this covers the long tail of lay synonyms in any corpus."""

    def __init__(self, units: Sequence[Unit], embedder: Embedder, known: Collection[str],
                 min_similarity: float = 0.65) -> None:
        self.words = sorted({w for u in units for w in _WORD.findall(u.text.lower())
                             if len(w) > 2 and w not in _STOP and not w[0].isdigit()})
        self.vectors = embedder.encode(self.words, batch_size=128)
        self.embedder = embedder
        self.known = known  # stems the corpus uses
        self.min_similarity = min_similarity
        self._nearest: dict[str, str | None] = {}

    def unknown(self, query: str) -> list[str]:
        """The query's words that neither the corpus nor the glossary knows."""
        return [w for w in dict.fromkeys(_WORD.findall(query.lower()))
                if len(w) > 2 and w not in _STOP and w not in GLOSSARY
                and not any(t in self.known for t in tokens(w))]

    def unlooked(self, words: Sequence[str]) -> list[str]:
        """The words not looked up yet: embed them and pass them to `learn`."""
        return [w for w in words if w not in self._nearest]

    def learn(self, words: Sequence[str], vectors: np.ndarray) -> None:
        if len(self._nearest) > 50_000:  # bounded: a long-running chat server
            self._nearest.clear()
        if not self.words:
            self._nearest.update(dict.fromkeys(words))
            return
        for w, row in zip(words, vectors @ self.vectors.T, strict=True):
            best = int(row.argmax())
            self._nearest[w] = self.words[best] if row[best] >= self.min_similarity else None

    def nearest(self, words: Sequence[str]) -> list[str]:
        """Corpus words for the (looked-up) unknown words that have a close one."""
        return [n for w in words if (n := self._nearest.get(w))]

    def __call__(self, query: str) -> list[str]:
        """Corpus words to add to the query, one per unknown word that has a close one."""
        unknown = self.unknown(query)
        new = self.unlooked(unknown)
        if new:
            self.learn(new, self.embedder.encode(new))
        return self.nearest(unknown)


class Retriever:
    """Ranks the units of one index for a question, in any of the three modes."""

    def __init__(self, units: Sequence[Unit], dense: DenseRetriever,
                 dense_weight: float = 0.5) -> None:
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
        self.bridge = VocabularyBridge(self.units, dense.embedder, self.bm25.idf.keys())
        self.last = {d: last_paragraphs(self.units, d) for d in {u.doc for u in self.units}}
        self.last[""] = last_paragraphs(self.units)
        self.docs = frozenset(u.doc for u in self.units)
        # Each document's words: "unseen" is judged against the document a hit comes from.
        self.vocab: dict[str, set[str]] = {}
        for u, toks in zip(self.units, self.bm25.docs, strict=True):
            self.vocab.setdefault(u.doc, set()).update(toks)
        self.citing = {u.key for u in self.units if u.kind != "title" and document_refs(u.text)}
        self.citing_articles = {u.key for u in self.units if _CITES_ARTICLE.search(u.text)}

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
        expanded = _NAMING.sub(lambda m: f"{m.group(1) or ''}{m.group(2) or ''}", expanded)
        qtokens = tokens(expanded) + [c for c in compounds(expanded, negations=True)
                                      + sessions(expanded) if c in self.bm25.idf]
        raw = self.bm25.scores(qtokens)
        cover = self.bm25.coverage(qtokens)
        # Judged on the words as asked (glossary additions would hide a lay word's absence),
        # with acronyms read as the names they stand for.
        mapped = {t for w in unknown if self.bridge.nearest([w]) for t in tokens(w)}
        # A lay word the glossary maps onto the resolution's terms ("countries" -> "States")
        # is no sign of a foreign topic either.
        mapped |= {t for w in _WORD.findall(query.lower()) if w in self.glossed
                   for t in tokens(w)}
        asked = [t for t in tokens(self.acronyms.spell(query)) if t not in mapped]
        unseen: dict[str, float] = {}  # per document, for the documents of the hits kept only
        top = max(raw) if raw else 0.0
        lexical = {u.key: (s / top if top > 0 else 0.0) for u, s in zip(self.units, raw,
                                                                         strict=True)}
        w = self.dense_weight
        hinted = {kind for kind, pattern in KIND_HINTS.items() if pattern.search(query)}
        cites_asked = bool(ASKS_CITED.search(query))
        articles_asked = bool(_ASKS_ARTICLES.search(query))
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
        hits = [Hit(unit=u, score=scores[u.key], dense=max(unit_cos.get(u.key, 0.0), 0.0),
                    lexical=lexical[u.key], coverage=cov,
                    whole=max(whole_cos.get(u.key, 0.0), 0.0),
                    clauses=tuple(sorted(clause_cos.get(u.key, []), key=lambda c: -c[1])))
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
