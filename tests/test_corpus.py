"""The parser on the real resolution and on layout variants and malformed input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from resolution_qa.corpus import (
    CorpusError,
    clauses,
    decode,
    load,
    parse,
    read_text,
    session_refs,
    windows,
)

EXPECTED_IDS = ["title", "PP1", "PP2", "PP3", "PP4", *[str(n) for n in range(1, 26)], "fn1"]


@pytest.fixture(scope="module")
def units(corpus_text: str) -> dict:
    return {u.id: u for u in parse(corpus_text).units}


def test_real_file_has_every_unit_in_order(corpus_text: str) -> None:
    res = parse(corpus_text)
    assert [u.id for u in res.units] == EXPECTED_IDS
    assert res.symbol == "ICC-ASP/11/Res.5"
    assert res.title == "Cooperation"
    assert {u.doc for u in res.units} == {"ICC-ASP/11/Res.5"}
    assert {u.kind for u in res.units} == {"title", "preambular", "operative", "footnote"}
    assert res.units[11].label == "Operative paragraph 7"
    assert res.units[2].label == "Preambular paragraph 2"


def test_title_block_carries_symbol_meeting_date_vote_and_author(units: dict) -> None:
    text = units["title"].text
    for fact in ("ICC-ASP/11/Res.5", "Cooperation", "8th plenary meeting", "21 November 2012",
                 "by consensus", "Adopted by: The Assembly of States Parties"):
        assert fact in text


def test_page_debris_is_gone_and_lines_are_joined(units: dict) -> None:
    for u in units.values():
        assert "20-E-011212" not in u.text
        assert "ICC-ASP/11/20" not in u.text
        assert "\n" not in u.text and "  " not in u.text


def test_paragraphs_split_by_page_breaks_are_rejoined(units: dict) -> None:
    # Paragraph 8 is interrupted by the footnote, paragraph 20 by a page break.
    assert "the necessity of securing the respect for such privileges" in units["8"].text
    assert units["8"].text.endswith("adopting relevant national legislation;")
    assert "ICC-ASP/11/21" not in units["8"].text
    assert "pursuant to Part 9 of the Rome Statute or a United Nations" in units["20"].text


def test_hyphen_at_line_end_is_kept(units: dict) -> None:
    assert "non-cooperation procedures" in units["6"].text
    assert "inter-governmental institutions" in units["10"].text


def test_footnote_is_moved_out_and_linked(units: dict) -> None:
    assert units["fn1"].text == "ICC-ASP/11/21, para. 80."
    assert units["fn1"].kind == "footnote"
    assert units["1"].links == ("fn1",)
    assert units["fn1"].links == ("1",)
    assert units["1"].text.endswith("generally forthcoming”;")  # marker "1" removed


def test_preamble_is_four_paragraphs(units: dict) -> None:
    assert units["PP1"].text.startswith("Recalling the provisions of the Rome Statute")
    assert units["PP4"].text.startswith("Noting that contacts with persons")
    assert all(units[f"PP{i}"].text.endswith(",") for i in range(1, 5))


def test_windows_line_ends_give_the_same_units(corpus_text: str) -> None:
    unix = parse(corpus_text).units
    windows = parse(decode(corpus_text.replace("\n", "\r\n").encode("utf-8")), "win").units
    assert [(u.id, u.text) for u in windows] == [(u.id, u.text) for u in unix]


VARIANT = """\
ICC-ASP/12/20

Page 7

Resolution ICC-ASP/12/Res.3

Adopted at the 12th plenary meeting, on 27 November 2013, by consensus

ICC-ASP/12/Res.3
Reparations

The Assembly of States Parties,

Recalling article 75 of the Rome Statute,

Mindful of the rights of victims to reparation, including restitution, compensation and
rehabilitation,

1) Welcomes the work of the Trust Fund for Victims;2

2) Requests the Court to develop a system-wide policy on reparations, in
consultation with victims' groups, and to report on its implemen-
tation to the Assembly;
                              
2 ICC-ASP/12/14.
3 See also ICC-ASP/11/Res.7.

- 8 -

3) Invites States to make voluntary contributions to the Trust Fund for Victims, and
to consider earmarking them for reparations;3

4) Decides to remain seized of the matter.
"""


def test_variant_layout_other_headers_numbering_and_footnotes() -> None:
    res = parse(VARIANT, "variant")
    ids = [u.id for u in res.units]
    assert ids == ["title", "PP1", "PP2", "1", "2", "3", "4", "fn2", "fn3"]
    assert res.symbol == "ICC-ASP/12/Res.3" and res.title == "Reparations"
    by_id = {u.id: u for u in res.units}
    assert by_id["1"].text == "Welcomes the work of the Trust Fund for Victims;"
    assert by_id["1"].links == ("fn2",) and by_id["3"].links == ("fn3",)
    assert by_id["fn3"].text == "See also ICC-ASP/11/Res.7."
    assert "implemen-tation" in by_id["2"].text  # a line-end hyphen is kept, not guessed away
    assert by_id["3"].text.startswith("Invites States") and "- 8 -" not in by_id["3"].text
    assert "Page 7" not in by_id["title"].text and "27 November 2013" in by_id["title"].text
    assert by_id["PP2"].text.startswith("Mindful of the rights")


def test_preamble_without_blank_lines_still_splits() -> None:
    text = VARIANT.replace("Statute,\n\nMindful", "Statute,\nMindful")
    # "Mindful" is no participle, so the fallback keeps it with PP1; a participle splits.
    text2 = VARIANT.replace("Statute,\n\nMindful of", "Statute,\nRecognizing")
    assert [u.id for u in parse(text2).units][:3] == ["title", "PP1", "PP2"]
    assert len([u for u in parse(text).units if u.kind == "preambular"]) == 1


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"   \n\n  ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"The Assembly of States Parties,\n\nRecalling things,\n\nNothing numbered here.\n",
     "no numbered operative paragraphs"),
])
def test_malformed_input_gets_a_clear_error(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(CorpusError, match=message):
        load([path])


def test_missing_file_and_folder_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(CorpusError, match="folder"):
        read_text(tmp_path)


def test_clauses_are_verbatim_and_not_tiny(units: dict) -> None:
    for u in units.values():
        parts = clauses(u.text)
        assert all(p in u.text for p in parts)
        assert all(len(p.split()) >= 6 for p in parts) or len(parts) == 1
    seven = clauses(units["7"].text)
    assert len(seven) == 2 and seven[1].startswith("and notes with appreciation")


def test_ids_are_scoped_by_document(corpus_text: str) -> None:
    a = parse(corpus_text).units[5]
    assert a.key == "ICC-ASP/11/Res.5#1"
    assert re.fullmatch(r"\[¶\d+\]", a.marker)


def test_windows_cover_long_clauses_word_for_word(units: dict) -> None:
    text = units["17"].text
    got = windows(text)
    assert len(got) >= 2 and all(w in " ".join(text.split()) for w in got)
    assert got[0].split()[0] == text.split()[0] and got[-1].split()[-1] == text.split()[-1]
    assert windows(units["3"].text) == []  # a short paragraph has no windows


def test_sessions_named_in_words_or_symbols_are_read_as_numbers() -> None:
    text = "in advance of its twelfth session; ICC-ASP/8/Res.2; at the 10th session"
    assert sorted(session_refs(text)) == ["session 10", "session 12", "session 8"]
