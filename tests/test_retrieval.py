"""Index and retrieval on a real Chroma store with the real model."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import TEST_DOCS
from resolution_qa.pipeline import Pipeline, index_documents, open_index
from resolution_qa.refs import explicit_refs
from resolution_qa.settings import get_settings
from resolution_qa.store import Store

# Paraphrased questions (not the resolution's wording) and the units that answer them.
SANITY = [
    ("Which countries and bodies helped get the detained ICC staff freed?", {"7"}),
    ("What protections do Court personnel enjoy while working?", {"8"}),
    ("Should governments sign up to the agreement on the ICC's immunities?", {"9"}),
    ("Is the relationship between the ICC and the UN getting closer?", {"10"}),
    ("What is said about cases the Security Council sends to the Court?", {"12"}),
    ("Do countries need domestic laws to carry out their Rome Statute duties?", {"13"}),
    ("Which online project helps countries draft their own implementing laws?", {"14"}),
    ("Should each government name one office to coordinate ICC matters?", {"15"}),
    ("Can the Court quickly move witnesses who are in danger?", {"16"}),
    ("Can states give money to help relocate people who testify?", {"18"}),
    ("What about provisional release of suspects and serving prison terms?", {"19"}),
    ("How fast should requests to find and block criminals' money be sent?", {"21", "20"}),
    ("Will cooperation become a regular discussion topic at every session?", {"22", "24"}),
    ("Who will the new cooperation facilitation talk to?", {"23"}),
    ("By when must the Court hand in a fresh report on cooperation?", {"25"}),
    ("Should diplomats meet people the ICC wants arrested?", {"PP4", "5"}),
    ("What lessons from earlier war crimes tribunals are mentioned about arrests?", {"3"}),
    ("Why does it matter when states ignore the Court's requests?", {"2"}),
    ("What did the Court's own report conclude about how states cooperate?", {"1"}),
]


@pytest.mark.parametrize("question, gold", SANITY)
def test_paraphrased_question_finds_its_unit_in_top_3(pipeline: Pipeline, question: str,
                                                      gold: set[str]) -> None:
    hits = pipeline.retriever.search(question, "hybrid", 3)
    assert gold & {h.unit.id for h in hits}, [h.unit.id for h in hits]


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_every_mode_ranks_best_first(pipeline: Pipeline, mode: str) -> None:
    hits = pipeline.retriever.search("detention of four Court officials", mode, 5)
    assert len(hits) == 5
    assert hits[0].unit.id == "7"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_named_paragraph_comes_first(pipeline: Pipeline) -> None:
    assert explicit_refs("compare paragraph 12 with preambular paragraph 3") == ["12", "PP3"]
    assert explicit_refs("what does paragraph 7 of the resolution say") == ["7"]
    # A paragraph of another document is not ours, whichever way it is named.
    assert explicit_refs("paragraph 15 of ICC-ASP/10/Res.2") == []
    assert explicit_refs("para 15 ICC-ASP/10/Res.2") == []
    assert explicit_refs("paragraph 80 of the Bureau's report") == []
    assert explicit_refs("paragraph 3 of ICC-ASP/11/Res.5", docs={"ICC-ASP/11/Res.5"}) == ["3"]
    assert pipeline.retriever.search("What does paragraph 17 say?", "hybrid", 3)[0].unit.id == "17"


def test_indexing_twice_changes_nothing(index_copy: Path) -> None:
    settings = get_settings(index_dir=index_copy)
    before = Store(index_copy).info()
    report = index_documents(settings, progress=False)
    assert report.embedded == [] and report.unchanged == ["ICC-ASP/11/Res.5"]
    assert report.info == before
    forced = index_documents(settings, rebuild=True, progress=False)
    assert forced.embedded == ["ICC-ASP/11/Res.5"] and forced.info.collection != before.collection
    store = Store(index_copy)
    names = [c.name for c in store.client.list_collections()]
    assert len([n for n in names if n != "rqa-manifest"]) == 1  # the old build was replaced
    col = store.client.get_collection(forced.info.collection)
    units = col.get(where={"level": "unit"})["ids"]
    assert len(units) == len(set(units)) == 31


def test_adding_a_document_embeds_only_that_one(index_copy: Path) -> None:
    settings = get_settings(index_dir=index_copy)
    doc = TEST_DOCS[0]
    added = index_documents(settings, [doc], progress=False)
    assert [d.symbol for d in added.info.docs] == ["ICC-ASP/10/Res.6", "ICC-ASP/11/Res.5"]
    assert added.embedded == ["ICC-ASP/10/Res.6"]
    again = index_documents(settings, [doc], progress=False)
    assert again.embedded == [] and again.unchanged == ["ICC-ASP/10/Res.6"]
    removed = Store(index_copy).remove("ICC-ASP/10/Res.6")
    assert [d.symbol for d in removed.docs] == ["ICC-ASP/11/Res.5"]
    col = Store(index_copy).client.get_collection(removed.collection)
    assert not col.get(where={"doc": "ICC-ASP/10/Res.6"})["ids"]  # its nodes are gone too


def test_changed_corpus_is_refreshed_with_a_notice(index_copy: Path, tmp_path: Path,
                                                   corpus_text: str) -> None:
    doc = tmp_path / "res.txt"
    doc.write_text(corpus_text, encoding="utf-8")
    settings = get_settings(index_dir=index_copy)
    index_documents(settings, [doc], progress=False)
    doc.write_text(corpus_text.replace("four officials", "five officials"), encoding="utf-8")
    notices: list[str] = []
    store, info = open_index(settings, notices.append)
    assert any("changed" in n for n in notices)
    assert "five officials" in next(u.text for u in store.units(info) if u.id == "7")
    assert len(info.docs) == 1  # the same symbol: refreshed, not added twice


def test_broken_file_leaves_the_index_intact(index_copy: Path, tmp_path: Path) -> None:
    before = Store(index_copy).info()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    report = index_documents(get_settings(index_dir=index_copy), [bad], progress=False)
    assert report.refused and "binary" in report.refused[0]
    assert Store(index_copy).info() == before


def test_a_build_killed_midway_leaves_the_old_index_serving(index_copy: Path, tmp_path: Path,
                                                            corpus_text: str) -> None:
    import signal
    import subprocess

    from conftest import CLI

    # Twenty resolutions: long enough to embed that the kill lands mid-build.
    files = []
    for n in range(20):
        f = tmp_path / f"res{n}.txt"
        f.write_text(corpus_text.replace("ICC-ASP/11/Res.5", f"ICC-ASP/11/Res.{50 + n}")
                     .replace("four officials", "fourteen officials"),
                     encoding="utf-8")
        files.append(str(f))
    before = Store(index_copy).info()
    proc = subprocess.Popen([CLI, "--index-dir", str(index_copy), "index", *files],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    assert proc.stderr is not None
    seen = ""
    while "embedding" not in seen:
        chunk = proc.stderr.read(1)
        assert chunk, f"index exited early: {seen}"
        seen += chunk
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL  # killed mid-build, not finished
    after = Store(index_copy)
    assert after.info() == before
    assert len(after.units(before)) == 31


def test_lay_word_the_resolution_never_uses_reaches_its_own_word(pipeline: Pipeline) -> None:
    assert pipeline.retriever.bridge("Are relatives of witnesses protected?") == ["families"]
    assert pipeline.retriever.bridge("witness relocation") == []  # known words pass as they are
    hits = pipeline.retriever.search("Are relatives of witnesses protected?", "hybrid", 3)
    assert "17" in {h.unit.id for h in hits}


def test_footnote_ranks_with_the_paragraph_that_calls_it(pipeline: Pipeline) -> None:
    hits = pipeline.retriever.search("Where does the statement that cooperation has been "
                                     "forthcoming come from?", "hybrid", 3)
    assert [h.unit.id for h in hits][:2] == ["1", "fn1"]


def test_acronym_is_read_as_the_name_it_abbreviates(pipeline: Pipeline) -> None:
    acronyms = pipeline.retriever.acronyms
    assert acronyms.expansion("APIC").startswith("Agreement on Privileges and Immunities")
    assert acronyms.expansion("UNSC") == "United Nations Security Council"
    assert acronyms.expansion("RPE") == ""  # the corpus names nothing with those initials
    answer = pipeline.ask("APIC - what are states asked to do with it")
    assert answer.grounded and [c.para for c in answer.citations][0] == "9"


def test_a_measure_inside_one_long_clause_finds_its_paragraph(pipeline: Pipeline) -> None:
    # Paragraph 17 is one 60-word clause; families of witnesses are a few words of it.
    question = "Does it cover the families of witnesses who are in danger because of what was " \
               "said in court?"
    assert pipeline.retriever.search(question, "hybrid", 3)[0].unit.id == "17"


def test_glossary_reads_the_parts_of_a_hyphenated_word(pipeline: Pipeline) -> None:
    hits = pipeline.retriever.search("Is ICC-UN cooperation welcomed?", "hybrid", 3)
    assert hits[0].unit.id == "10"


def test_glossary_reads_two_word_phrases(pipeline: Pipeline) -> None:
    # "carry out" is "execute", which "carry" alone ("what heading does it carry") is not.
    hits = pipeline.retriever.search("What goes wrong for the Court when States do not carry "
                                     "out its requests?", "hybrid", 3)
    assert hits[0].unit.id == "2"  # "non-execution of Court requests"
    # "sign up" is "become parties", "not joined" the "non-States Parties" of paragraph 9
    joined = pipeline.retriever.search("Are nations that have not joined the Rome Statute asked "
                                       "to sign up to the immunities agreement too?", "hybrid", 3)
    assert joined[0].unit.id == "9"


def test_sessions_named_in_words_find_the_symbols_of_that_session(pipeline: Pipeline) -> None:
    hits = pipeline.retriever.search("recommendations of the sixth session", "bm25", 3)
    assert hits[0].unit.id == "PP1"  # "annexed to ICC-ASP/6/Res.2"
    listed = pipeline.retriever.search("resolutions adopted at the eighth and ninth sessions",
                                       "bm25", 3)
    assert listed[0].unit.id == "PP1"  # ICC-ASP/8/Res.2, ICC-ASP/9/Res.3


def test_not_cooperating_finds_the_non_cooperation_paragraph(pipeline: Pipeline) -> None:
    hits = pipeline.retriever.search("what happens when a state keeps not cooperating?",
                                     "bm25", 3)
    assert "6" in [h.unit.id for h in hits]  # "non-cooperation procedures"


@pytest.mark.parametrize("question", [
    "Short answer please: what's the resolution called?",
    "What is the official document symbol of this resolution?",
])
def test_asking_for_the_title_finds_the_title_not_calls_upon_or_officials(
        pipeline: Pipeline, question: str) -> None:
    # "called" would match "calls upon" (paragraphs 9, 17), "official" the detained officials
    # (7, 8); the title block holds the symbol.
    assert pipeline.retriever.search(question, "bm25", 3)[0].unit.id == "title"
    answer = pipeline.ask(question)
    assert answer.grounded and [c.para for c in answer.citations][0] == "title"


def test_doc_filter_keeps_retrieval_inside_one_document(multi: Pipeline) -> None:
    question = "What does the text ask of States about the Trust Fund for Victims?"
    hits = multi.retriever.search(question, "hybrid", 10, doc="ICC-ASP/14/Res.2")
    assert hits and {h.unit.doc for h in hits} == {"ICC-ASP/14/Res.2"}
    everywhere = multi.retriever.search("reparations reserve of the Trust Fund", "hybrid", 10)
    assert everywhere[0].unit.doc == "ICC-ASP/14/Res.2"
    assert len({h.unit.doc for h in everywhere}) > 1


def test_sub_paragraphs_rank_through_their_paragraph_and_are_cited_alone(multi: Pipeline) -> None:
    answer = multi.ask("What must accompany each nomination about the candidate's languages?",
                       doc="ICC-ASP/16/Res.3")
    assert answer.grounded
    assert all(not h.unit.parent for h in answer.retrieved)  # paragraphs rank
    assert [c.para for c in answer.citations][0] == "10(d)"
    assert "[ICC-ASP/16/Res.3 ¶10(d)]" in answer.answer


@pytest.mark.parametrize("question", [
    "What proportion of the States voting does a judge need to win?",
    "What percentage of votes elects a judge?",
])
def test_a_question_after_a_share_ranks_the_paragraph_that_gives_one_first(
        multi: Pipeline, question: str) -> None:
    """The paragraphs on elections all match the words; the one stating the majority (a
    two-thirds majority) answers "what share", so it ranks first, and is what the answer
    cites."""
    hits = multi.retriever.search(question, "hybrid", 5, doc="ICC-ASP/16/Res.3")
    assert hits[0].unit.id == "13", [h.unit.id for h in hits]
    answer = multi.ask(question, doc="ICC-ASP/16/Res.3")
    assert "13" in [c.para for c in answer.citations]


def test_corpus_word_vectors_are_kept_with_the_index_and_a_broken_copy_is_redone(
        index_copy: Path) -> None:
    """The vocabulary bridge's word vectors are saved beside the index, so the next start
    does not embed every corpus word again; a damaged file is embedded again, not an error."""
    question = "What is asked of relatives of the detained officials?"
    first = Pipeline(get_settings(index_dir=index_copy), notice=lambda _m: None)
    expected = [h.unit.key for h in first.retriever.search(question, "hybrid", 5)]
    saved = list(index_copy.glob("vocabulary-*.npy"))
    assert len(saved) == 1
    saved[0].write_bytes(b"not an array")
    again = Pipeline(get_settings(index_dir=index_copy), notice=lambda _m: None)
    assert [h.unit.key for h in again.retriever.search(question, "hybrid", 5)] == expected
    assert saved[0].read_bytes() != b"not an array"  # redone and saved
