"""Reading a model's citations in the formats models produce, and the calibrated support check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from resolution_qa import corpus
from resolution_qa.support import SupportModel, calibrate
from resolution_qa.types import Unit
from resolution_qa.verify import find_citations, read_sentence, split_sentences

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("text, doc, ids", [
    ("The Assembly is concerned [¶7].", None, ("7",)),
    ("It notes this [7].", None, ("7",)),
    ("It says so (para. 7).", None, ("7",)),
    ("As paragraph 7 says, States helped.", None, ("7",)),
    ("The preamble recalls the Statute [PP2].", None, ("PP2",)),
    ("Both agree [¶¶ 7, 8].", None, ("7", "8")),
    ("A range, ¶7-8, covers it.", None, ("7", "8")),
    ("Paras 7 and 8 say it.", None, ("7", "8")),
    ("One item [2(b)].", None, ("2(b)",)),
    ("Named [ICC-ASP/11/Res.5 ¶7].", "ICC-ASP/11/Res.5", ("7",)),
    ("In the preamble (preambular paragraph 2).", None, ("PP2",)),
    ("The source [fn1].", None, ("fn1",)),
    ("Annexed [annex.3] and sectioned [B.3].", None, ("annex.3", "B.3")),
])
def test_every_citation_format_reads_as_unit_ids(text: str, doc: str | None,
                                                  ids: tuple[str, ...]) -> None:
    found = find_citations(text)
    assert [i for c in found for i in c.ids] == list(ids)
    assert all(c.doc == doc for c in found)


def test_years_and_prose_numbers_are_not_citations() -> None:
    assert find_citations("In 2012 four officials were held for 25 days.") == []
    assert find_citations("[Question: what now?]") == []


def test_a_marker_after_the_full_stop_stays_with_its_sentence() -> None:
    parts = split_sentences("They were held from 7 June to 2 July 2012. [¶7] States helped "
                            "(para. 7). See No. 5 of the report. The fund exists [¶18].")
    assert parts == ["They were held from 7 June to 2 July 2012. [¶7]",
                     "States helped (para. 7).", "See No. 5 of the report.",
                     "The fund exists [¶18]."]


def test_an_id_the_model_was_not_given_is_invented_and_removed() -> None:
    given = [Unit(doc="ICC-ASP/11/Res.5", doc_title="Cooperation", id="7", kind="operative",
                  label="Operative paragraph 7", text="Expresses serious concern ..."),
             Unit(doc="ICC-ASP/16/Res.3", doc_title="Judges", id="7", kind="operative",
                  label="Operative paragraph 7", text="Decides ...")]
    read = read_sentence("They were held for weeks [¶7, ¶40] (para. 12).", given)
    assert read.text == "They were held for weeks."
    assert read.keys == ["ICC-ASP/11/Res.5#7"] and read.invented == ["40", "12"]
    named = read_sentence("Judges [ICC-ASP/16/Res.3 ¶7] and [ICC-ASP/9/Res.1 ¶7].", given)
    assert named.keys == ["ICC-ASP/16/Res.3#7"] and named.invented == ["ICC-ASP/9/Res.1 7"]


def test_support_model_shipped_is_the_calibration_of_the_labelled_pairs(pipeline) -> None:  # type: ignore[no-untyped-def]
    """Refit on eval/support_pairs.jsonl (half fitted, half held out): the shipped weights are
    what calibration gives, and the held-out half meets the figures the README reports."""
    docs = sorted((ROOT / "tests" / "data" / "resolutions").glob("*.txt"))
    texts = {u.key: u.text for d in docs for u in corpus.read(d).units}
    result = calibrate(ROOT / "eval" / "support_pairs.jsonl", pipeline.embedder, texts)
    shipped = SupportModel.load()
    assert result["weights"] == pytest.approx(list(shipped.weights), rel=1e-3)
    assert result["threshold"] == shipped.threshold
    assert result["held_out"] >= 100 and result["precision"] >= 0.75 and result["recall"] >= 0.85
    pairs = [json.loads(x) for x in (ROOT / "eval" / "support_pairs.jsonl").read_text().split("\n")
             if x.strip()]
    assert len(pairs) >= 200 and sum(p["supported"] for p in pairs) * 2 == len(pairs)
