"""The lexical side of retrieval: tokens, BM25, and the words a query is widened with.

Questions use lay words ("relatives", "APIC", "66 recommendations"); resolutions use terms of
art, names in full and numbers in words. Tokens are stemmed and cut, hyphenated compounds and
sessions are tokens of their own, and a query gains the glossary's terms, its acronyms' names
and the corpus words nearest in meaning to the words the corpus never uses.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from nltk.stem.porter import PorterStemmer

from .corpus import MONTHS, SYMBOL, session_refs, spelled
from .embed import Embedder
from .lexicon import GLOSSARY
from .types import Unit

_STOP = frozenset("""
a about above after again all also am an and any are as at be been being both but by can could
did do does doing for from further had has have having he her here hers how i if in into is it
its itself just me more most my no nor not of off on once only or other our out over own same she
should so some such than that the their them then there these they this those through to too
under until up very was we were what when where which while who whom why will with would you your
resolution assembly paragraph say says said tell mention mentions mentioned somewhere anywhere
address addresses addressed addressing
""".split())
WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Porter stems cut to six characters: a light extra conflation of forms Porter keeps apart
# ("government" and "governing", "identification" and "identify") that measured better on
# every question set (README, Evaluation) than Porter, Snowball or Lancaster alone.
STEM_CHARS = 6
_stemmer = PorterStemmer()


def tokens(text: str) -> list[str]:
    """Stemmed content words; document symbols and numbers are kept whole."""
    out = []
    # Document symbols ("ICC-ASP/10/Res.5") are one token each, so that "ICC" in a question (the
    # Court) does not match every paragraph that cites an earlier resolution.
    text = SYMBOL.sub(lambda m: re.sub(r"[^a-z0-9]", "", m.group(0).lower()), text)
    for word in WORD.findall(text.lower()):
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
    words = [w for w in WORD.findall(SYMBOL.sub(" ", text).lower()) if "-" in w]
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
    found = WORD.findall(text.lower())
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


def _word_vectors(words: list[str], embedder: Embedder, folder: Path | None) -> np.ndarray:
    """The corpus words embedded, kept in the index folder under a digest of the word list:
    embedding every word of a large corpus is most of a cold start, and the words change only
    when the documents do. A missing, unreadable or unwritable file only costs the time."""
    digest = hashlib.sha256("\n".join(words).encode()).hexdigest()[:16]
    path = folder / f"vocabulary-{digest}.npy" if folder is not None else None
    if path is not None and path.exists():
        try:
            vectors = np.load(path, allow_pickle=False)
            if vectors.shape[0] == len(words):
                return vectors
        except (OSError, ValueError):
            pass
    vectors = embedder.encode(words, batch_size=128)
    if folder is not None and path is not None:
        try:
            tmp = path.with_suffix(".tmp.npy")
            np.save(tmp, vectors, allow_pickle=False)
            os.replace(tmp, path)
            for old in folder.glob("vocabulary-*.npy"):
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError:
            pass
    return vectors


class VocabularyBridge:
    """Maps question words the corpus never uses to the corpus word nearest in meaning, by the
    embedding model's similarity of single words ("relatives" -> "families"). The glossary
    covers terms of art by hand; this covers the long tail of lay synonyms in any corpus."""

    def __init__(self, units: Sequence[Unit], embedder: Embedder, known: Collection[str],
                 min_similarity: float = 0.65, cache: Path | None = None) -> None:
        self.words = sorted({w for u in units for w in WORD.findall(u.text.lower())
                             if len(w) > 2 and w not in _STOP and not w[0].isdigit()})
        self.vectors = _word_vectors(self.words, embedder, cache)
        self.embedder = embedder
        self.known = known  # stems the corpus uses
        self.min_similarity = min_similarity
        self._nearest: dict[str, str | None] = {}

    def unknown(self, query: str) -> list[str]:
        """The query's words that neither the corpus nor the glossary knows."""
        return [w for w in dict.fromkeys(WORD.findall(query.lower()))
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
