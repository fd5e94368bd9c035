"""The layout reader on the seven resolution texts (six test documents and the shipped one),
on one of them printed to PDF, and on files that are not resolutions. Expected counts and
quotations were taken by reading the .txt files themselves."""

from __future__ import annotations

import html
import io
import re
import subprocess
import zipfile
from functools import cache
from pathlib import Path

import pytest

from resolution_qa import corpus
from resolution_qa.corpus import CorpusError, Resolution
from resolution_qa.types import Unit

DATA = Path(__file__).parent / "data" / "resolutions"
CHROMIUM = Path("/usr/bin/chromium")


def path_of(name: str) -> Path:
    shipped = Path(corpus.__file__).parent / "data" / f"{name}.txt"
    return shipped if name == "ICC-ASP-11-Res.5" else DATA / f"{name}.txt"


@cache
def doc(name: str) -> Resolution:
    return corpus.read(path_of(name))


def unit(name: str, uid: str) -> Unit:
    found = [u for u in doc(name).units if u.id == uid]
    assert len(found) == 1, f"{name}: expected one unit {uid!r}, got {len(found)}"
    return found[0]


def squash(text: str) -> str:
    return " ".join(text.split())


def source_headings(name: str) -> list[str]:
    """Headings as printed ("B. Cooperation"; a bare "II." joined to the next line)."""
    lines = [ln.strip() for ln in path_of(name).read_text(encoding="utf-8").splitlines()]
    return [squash(line if m.group(2) else f"{line} {lines[i + 1]}") for i, line in
            enumerate(lines) if (m := re.fullmatch(r"([A-Z]|[IVX]+)\.(\s.+)?", line))]


ALL = ["ICC-ASP-10-Res.6", "ICC-ASP-11-Res.5", "ICC-ASP-12-Res.4", "ICC-ASP-13-Res.5",
       "ICC-ASP-14-Res.2", "ICC-ASP-15-Res.1", "ICC-ASP-16-Res.3"]

# name, symbol, title, preambular, operative (with sub-paragraphs), annex, footnotes
EXPECTED = [
    ("ICC-ASP-10-Res.6", "ICC-ASP/10/Res.6", "Permanent premises", 6, 16, 1, 5),
    ("ICC-ASP-11-Res.5", "ICC-ASP/11/Res.5", "Cooperation", 4, 25, 0, 1),
    # 14 paragraphs + 5(a)-(d) + 5(b)(i)-(iii) + 9(a)-(b)
    ("ICC-ASP-12-Res.4", "ICC-ASP/12/Res.4", "Complementarity", 7, 14 + 4 + 3 + 2, 0, 4),
    # 65 paragraphs + 11, 29, 43, 54, 60 (a)-(d) + 29(b)(i)-(ii); annex 15 + 3(a)-(c), 8(a)-(c)
    ("ICC-ASP-13-Res.5", "ICC-ASP/13/Res.5",
     "Strengthening the International Criminal Court and the Assembly of States Parties",
     12, 65 + 5 * 4 + 2, 15 + 3 + 3, 11),
    ("ICC-ASP-14-Res.2", "ICC-ASP/14/Res.2", "Victims and affected communities, reparations "
     "and Trust Fund for Victims", 9, 22 + 3 + 3, 0, 7),
    # sections A-F: 3+9 subs, 3+7 subs, 3, 2, 3, 3 operative; 2, 1, 2, 1, 2, 3 preambular
    ("ICC-ASP-15-Res.1", "ICC-ASP/15/Res.1",
     "Resolution of the Assembly of States Parties on the proposed programme budget for 2017, "
     "the Working Capital Fund for 2017, the scale of assessment for the apportionment of "
     "expenses of the International Criminal Court, financing appropriations for 2017 and the "
     "Contingency Fund", 11, 12 + 10 + 3 + 2 + 3 + 3, 0, 4),
    ("ICC-ASP-16-Res.3", "ICC-ASP/16/Res.3",
     "Review of the procedure for the nomination and election of judges", 8, 18 + 5, 10, 5),
]

DEBRIS = [r"\b\d{1,2}-E-\d{6}\b", r"\bPage \d+", r"(?:^|\s)-\s*\d{1,3}\s*-(?:\s|$)"]


@pytest.mark.parametrize("name,symbol,title,pp,op,annex,fn", EXPECTED, ids=[e[0] for e in EXPECTED])
def test_document_parses_with_the_counts_read_by_hand(name, symbol, title, pp, op, annex, fn):
    res = doc(name)
    assert (res.symbol, res.title) == (symbol, title)
    kinds = [u.kind for u in res.units]
    assert kinds.count("title") == 1 and res.units[0].id == "title"
    assert (kinds.count("preambular"), kinds.count("operative"), kinds.count("annex"),
            kinds.count("footnote")) == (pp, op, annex, fn)
    assert len({u.id for u in res.units}) == len(res.units)


@pytest.mark.parametrize("name", ALL)
def test_no_page_debris_headings_or_empty_text(name):
    res = doc(name)
    report = re.escape(path_of(name).read_text(encoding="utf-8").split()[0])  # "ICC-ASP/13/20"
    headings = source_headings(name)
    for u in res.units:
        assert u.text.strip(), f"{u.id} is empty"
        for pattern in [*DEBRIS, rf"(?:^|\s){report}(?:\s|$)"]:
            assert not re.search(pattern, u.text), f"{u.id} holds page debris: {u.text!r}"
        for heading in headings:
            assert heading not in u.text, f"{u.id} holds the heading {heading!r}"
        if u.kind != "title":  # a heading glued on would end the text with a word
            assert re.search(r"(?:[,;:.]|; and)$", u.text), f"{u.id} ends {u.text[-40:]!r}"


@pytest.mark.parametrize("name", ["ICC-ASP-13-Res.5", "ICC-ASP-14-Res.2", "ICC-ASP-15-Res.1",
                                  "ICC-ASP-16-Res.3"])
def test_every_heading_of_the_text_is_recorded_as_a_section(name):
    recorded = {u.section for u in doc(name).units if u.kind in ("operative", "annex")}
    assert set(source_headings(name)) <= recorded


@pytest.mark.parametrize("name,uid,section", [
    ("ICC-ASP-13-Res.5", "8", "B. Cooperation"),
    ("ICC-ASP-13-Res.5", "11(b)", "B. Cooperation"),
    ("ICC-ASP-13-Res.5", "65", "K. Mandates for the intersessional period"),
    ("ICC-ASP-14-Res.2", "1", "I. Victims and affected communities"),
    ("ICC-ASP-14-Res.2", "8", "II. Reparations"),  # "II." alone, "Reparations" next line
    ("ICC-ASP-14-Res.2", "10(c)", "II. Reparations"),
    ("ICC-ASP-14-Res.2", "15", "III. Trust Fund for Victims"),
    ("ICC-ASP-16-Res.3", "12", "III. Election process"),
])
def test_unit_records_its_section_and_the_label_shows_it(name, uid, section):
    u = unit(name, uid)
    assert u.section == section
    assert u.label == f"Operative paragraph {uid} ({section})"


@pytest.mark.parametrize("name,uid,ending", [
    ("ICC-ASP-13-Res.5", "7", "consider ratifying or accepting those amendments;"),
    ("ICC-ASP-13-Res.5", "64", "subsidiary bodies for 2015;"),
    ("ICC-ASP-14-Res.2", "7", "in consultation with the Committee on Budget and Finance;"),
    ("ICC-ASP-14-Res.2", "PP9", "the rights which the Rome Statute affords them,"),
    ("ICC-ASP-16-Res.3", "6", "when deciding on their votes;"),
    ("ICC-ASP-15-Res.1", "A.3", "Finance at its twenty-eighth session."),
    ("ICC-ASP-16-Res.3", "18", "at its eighteenth session."),  # before the annex
])
def test_paragraph_before_a_heading_ends_where_the_text_does(name, uid, ending):
    assert unit(name, uid).text.endswith(ending)


def test_sub_paragraphs_are_units_inside_their_parent():
    parent = unit("ICC-ASP-12-Res.4", "5")
    assert parent.text.startswith("Requests the Secretariat of the Assembly")
    for item in ["(a) maintain and regularly", "(b) compile, on the basis",
                 "(i) the protection of witnesses", "(d) report to the Assembly"]:
        assert item in parent.text
    b = unit("ICC-ASP-12-Res.4", "5(b)")
    assert b.parent == "5" and b.kind == "operative"
    assert b.text.startswith("compile, on the basis of the information received")
    assert b.text in parent.text
    assert "(c) respond" not in b.text  # the letter ends where the next letter starts


def test_roman_items_inside_a_letter_are_numbered_under_it():
    ids = {u.id for u in doc("ICC-ASP-12-Res.4").units}
    assert {"5(b)(i)", "5(b)(ii)", "5(b)(iii)"} <= ids
    assert not {"5(i)", "5(ii)", "5(iii)"} & ids
    b, i = unit("ICC-ASP-12-Res.4", "5(b)"), unit("ICC-ASP-12-Res.4", "5(b)(iii)")
    assert i.text == ("the management of detention facilities and the enforcement of sentences "
                      "in accordance with international standards;")
    assert i.text in b.text and i.parent == "5"
    assert {"29(b)(i)", "29(b)(ii)"} <= {u.id for u in doc("ICC-ASP-13-Res.5").units}
    # "(i)" straight after "(h)" is the ninth letter, not a roman item
    assert unit("ICC-ASP-15-Res.1", "A.1(i)").text == \
        "Major Programme VII-6 - Office of Internal Audit: 683,300 euros;"
    assert "A.1(h)(i)" not in {u.id for u in doc("ICC-ASP-15-Res.1").units}


@pytest.mark.parametrize("name", ALL)
def test_every_sub_paragraph_is_verbatim_in_its_parent(name):
    by_id = {u.id: u for u in doc(name).units}
    for u in by_id.values():
        if u.parent:
            assert u.parent in by_id, f"{u.id}: parent {u.parent} missing"
            assert u.text in by_id[u.parent].text, u.id


@pytest.mark.parametrize("name,uid,fn,clean,marked", [
    ("ICC-ASP-12-Res.4", "PP1", "fn1", "Rome Statute, and that", "Statute,1"),
    ("ICC-ASP-12-Res.4", "PP3", "fn2", "(RC/Res.1) and the", "(RC/Res.1)2"),
    ("ICC-ASP-12-Res.4", "6", "fn4", "the Secretariat of the Assembly;", "Assembly;4"),
    ("ICC-ASP-10-Res.6", "PP2", "fn23", "at an interest rate of 2.5 per cent,", "cent,23"),
    ("ICC-ASP-10-Res.6", "16", "fn27", "at its eleventh session.", "session.27"),
    ("ICC-ASP-13-Res.5", "52", "fn10", "including resolution ICC-ASP/12/Res.6;", "Res.6;10"),
    ("ICC-ASP-16-Res.3", "PP2", "fn7", "International Criminal Court” and the", "Court”7"),
    ("ICC-ASP-16-Res.3", "16", "fn10", "(ICC-ASP/19/INF.1);", "INF.1)10"),
    ("ICC-ASP-16-Res.3", "annex.5", "fn11", "(a), (b) and (c), of the Rome", "(c)11"),
    ("ICC-ASP-15-Res.1", "F.PP1", "fn4", "the amount of 10,000,000 euros,", "euros,4"),
])
def test_marker_is_removed_and_linked_both_ways(name, uid, fn, clean, marked):
    u, note = unit(name, uid), unit(name, fn)
    assert clean in u.text and marked not in u.text
    assert fn in u.links and uid in note.links


@pytest.mark.parametrize("name", ALL)
def test_footnote_links_are_symmetric(name):
    by_id = {u.id: u for u in doc(name).units}
    for u in by_id.values():
        assert u.kind != "footnote" or u.links, f"{u.id} is linked from nowhere"
        assert all(u.id in by_id[other].links for other in u.links), u.id


@pytest.mark.parametrize("name,fn,start,end,continuation", [
    ("ICC-ASP-14-Res.2", "fn5", "Report of the Court on the implementation in 2015",
     "Victims Participation and Reparations Section and the Public Information and Outreach "
     "Section.", "Registry to consolidate into a single form"),
    ("ICC-ASP-13-Res.5", "fn2", "Official Records of the Assembly of States Parties",
     "(ICC-ASP/5/32), part III, ICC-ASP/5/Res.3, annex I.", "Fifth session, The Hague"),
    ("ICC-ASP-16-Res.3", "fn8", "Report of the Bureau on the establishment",
     "high moral character with established competence in criminal or international law, "
     "including former judges of international or national courts. See also the resolution on "
     "the strengthening of the Court and the Assembly, ICC-ASP/10/Res.5, paragraph 19.",
     "including former judges of international or national courts"),
])
def test_footnote_across_a_page_break_is_joined_whole(name, fn, start, end, continuation):
    note = unit(name, fn)
    assert note.text.startswith(start) and note.text.endswith(end)
    assert [u.id for u in doc(name).units if continuation in u.text] == [fn]


def test_several_footnotes_on_one_page_stay_apart():
    res = "ICC-ASP-14-Res.2"
    assert unit(res, "fn1").text.endswith("part III, ICC-ASP/4/Res.3, annex.")
    assert unit(res, "fn2").text == "ICC-ASP/1/Res.6."
    assert unit(res, "fn3").text == "ICC-ASP/11/38, annex, para. 3."
    assert unit(res, "fn4").text.endswith("Sales No. E.03.V.2 and corrigendum), part II.A.")
    assert unit(res, "PP3").links == ("fn1", "fn2")
    assert unit("ICC-ASP-10-Res.6", "fn24").text == "ICC-ASP/10/22."
    assert unit("ICC-ASP-10-Res.6", "fn23").text == "ICC-ASP/6/Res.1, annex III, paras. 1 and 2."


@pytest.mark.parametrize("name,before,ending,after,start", [
    ("ICC-ASP-14-Res.2", "PP5", "Rules of Procedure and Evidence,", "PP6",
     "Recalling that article 75 of the Rome Statute"),
    ("ICC-ASP-10-Res.6", "PP2", "2.5 per cent,", "PP3", "Noting that the overall budget"),
    ("ICC-ASP-15-Res.1", "F.PP1", "10,000,000 euros,", "F.PP2", "Noting that the balance"),
])
def test_recital_ending_in_a_marker_after_its_comma_stays_separate(name, before, ending, after,
                                                                    start):
    first, second = unit(name, before), unit(name, after)
    assert first.kind == second.kind == "preambular"
    assert first.text.endswith(ending) and second.text.startswith(start)


def test_budget_sections_restart_numbering_with_their_letter():
    units = doc("ICC-ASP-15-Res.1").units
    top = [u.id for u in units if u.kind == "operative" and not u.parent]
    assert top == ["A.1", "A.2", "A.3", "B.1", "B.2", "B.3", "C.1", "C.2", "C.3", "D.1", "D.2",
                   "E.1", "E.2", "E.3", "F.1", "F.2", "F.3"]
    assert [u.id for u in units if u.kind == "preambular"] == [
        "A.PP1", "A.PP2", "B.PP1", "C.PP1", "C.PP2", "D.PP1", "E.PP1", "E.PP2", "F.PP1",
        "F.PP2", "F.PP3"]
    b1 = unit("ICC-ASP-15-Res.1", "B.1")
    assert b1.text.startswith("Approves a total of 971 established posts for 2017")
    assert b1.label == "Section B, operative paragraph 1 (B. Staffing table for 2017)"
    assert unit("ICC-ASP-15-Res.1", "B.PP1").label.startswith("Section B, preambular paragraph 1")
    assert "Section A" in unit("ICC-ASP-15-Res.1", "A.1(i)").label
    assert unit("ICC-ASP-15-Res.1", "E.2").text.endswith(
        "shall be assessed only on those States Parties which have not opted for a one-time "
        "payment;")


def test_numbered_annex_paragraphs_with_their_sections():
    units = doc("ICC-ASP-13-Res.5").units
    assert [u.id for u in units if u.kind == "annex" and not u.parent] == \
        [f"annex.{n}" for n in range(1, 16)]
    sections = {1: "A. Ratification and implementation of the Rome Statute",
                5: "B. Cooperation and the relationship with the United Nations",
                12: "C. Governance, elections and methods of work",
                15: "D. Oversight and staffing"}
    for n, section in sections.items():
        u = unit("ICC-ASP-13-Res.5", f"annex.{n}")
        assert u.section == section and u.label == f"Annex, paragraph {n} ({section})"
    sub = unit("ICC-ASP-13-Res.5", "annex.8(c)")
    assert (sub.parent, sub.text) == ("annex.8", "the reporting of such instances to the Assembly;")
    assert unit("ICC-ASP-13-Res.5", "annex.1").text.startswith("With regard to the universality")
    heading = "Mandates of the Assembly of States Parties for the intersessional period"
    assert not [u.id for u in units if heading in u.text]
    assert unit("ICC-ASP-13-Res.5", "65").text.endswith("as set out in the annex to the present "
                                                       "resolution.")


def test_unnumbered_annex_is_one_unit_labelled_with_its_heading():
    annex = [u for u in doc("ICC-ASP-10-Res.6").units if u.kind == "annex"]
    assert [u.id for u in annex] == ["annex"]
    assert annex[0].label == "Annex (Financial arrangements)"
    assert annex[0].text.startswith("The one-time costs of €42.2 million approved in paragraph 4")
    assert annex[0].text.endswith("invoiced together with the annual assessed contributions of "
                                  "those States Parties.")
    assert "Financial arrangements" not in annex[0].text
    assert "Any savings realized within the construction budget" in annex[0].text


@pytest.mark.parametrize("heading", ["Annex  Terms of reference", "Annex: Terms of reference",
                                     "Annex – Terms of reference"])
def test_an_annex_titled_on_its_own_line_starts_the_annex(heading: str) -> None:
    """The heading line may carry the annex's title after two spaces, a colon or a dash;
    its paragraphs are then the annex's, not sub-paragraphs of the last operative one."""
    source = doc("ICC-ASP-16-Res.3").units
    text = (DATA / "ICC-ASP-16-Res.3.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.strip() == "Annex")
    title = next(ln for ln in lines[at + 1:] if ln.strip())
    lines[at] = heading
    lines.remove(title)
    res = corpus.parse("\n".join(lines), "titled.txt")
    ids = [u.id for u in res.units]
    assert ids == [u.id for u in source]
    assert next(u for u in res.units if u.id == "annex.1").label.endswith("(Terms of reference)")


def print_to_pdf(src: Path, tmp: Path) -> Path:
    page = tmp / "doc.html"
    page.write_text('<!doctype html><meta charset="utf-8"><style>pre{font:8pt monospace;'
                    'white-space:pre}</style><pre>' + html.escape(src.read_text(encoding="utf-8"))
                    + "</pre>", encoding="utf-8")
    out = tmp / f"{src.stem}.pdf"
    subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", f"--user-data-dir={tmp / 'profile'}",
                    "--no-pdf-header-footer", f"--print-to-pdf={out}", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    assert out.read_bytes().startswith(b"%PDF")
    return out


def test_pdf_gives_the_same_units_as_the_text(tmp_path):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: cannot print the test PDF")
    src = DATA / "ICC-ASP-12-Res.4.txt"
    from_pdf, from_txt = corpus.read(print_to_pdf(src, tmp_path)), corpus.read(src)
    assert (from_pdf.symbol, from_pdf.title) == (from_txt.symbol, from_txt.title)
    assert [u.id for u in from_pdf.units] == [u.id for u in from_txt.units]
    assert [squash(u.text) for u in from_pdf.units] == [squash(u.text) for u in from_txt.units]


def docx_bytes() -> bytes:
    with zipfile.ZipFile(buf := io.BytesIO(), "w") as z:
        z.writestr("word/document.xml", "<w:document/>" * 50)
    return buf.getvalue()


def blank_pdf() -> bytes:  # a valid PDF whose page has no text layer, as a scan
    from pypdf import PdfWriter

    (writer := PdfWriter()).add_blank_page(width=595, height=842)
    writer.write(buf := io.BytesIO())
    return buf.getvalue()


README = (b"# resolution-qa\n\nAsk questions about Assembly resolutions.\n\n## Install\n\n"
          b"1. Create a venv.\n\n2. Run `pip install -e .`\n")
NO_CHAPEAU = (b"Resolution ICC-ASP/9/Res.9\n\nCooperation\n\n1. Decides to keep cooperation "
              b"under review;\n\n2. Requests the Bureau to report thereon.\n")
NO_OPERATIVE = (b"Resolution ICC-ASP/9/Res.9\n\nCooperation\n\nThe Assembly of States Parties,\n"
                b"\nRecalling the Rome Statute,\n")

MALFORMED = [
    ("empty.txt", b"", "empty"),
    ("spaces.txt", b"   \n\n\t\n", "empty"),
    ("data.txt", bytes(range(256)) * 8, "binary"),
    ("resolution.docx", docx_bytes(), "binary"),
    ("README.md", README, "chapeau"),
    ("no-chapeau.txt", NO_CHAPEAU, "chapeau"),
    ("no-operative.txt", NO_OPERATIVE, "operative"),
    ("garbage.pdf", b"%PDF-1.4 garbage", "PDF"),
    ("scan.pdf", blank_pdf(), "text layer"),
]


@pytest.mark.parametrize("filename,data,reason", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_file_is_refused_in_one_line_naming_it(tmp_path, filename, data, reason):
    (path := tmp_path / filename).write_bytes(data)
    with pytest.raises(CorpusError) as caught:
        corpus.read(path)
    message = str(caught.value)
    assert str(path) in message and reason in message and "\n" not in message


def test_load_each_keeps_the_good_file_and_refuses_the_bad_one(tmp_path):
    good, bad = DATA / "ICC-ASP-12-Res.4.txt", tmp_path / "README.md"
    bad.write_bytes(README)
    loaded = corpus.load_each([good, bad])
    assert [(p, r.symbol) for p, r in loaded.resolutions] == [(good, "ICC-ASP/12/Res.4")]
    assert len(loaded.refused) == 1 and str(bad) in loaded.refused[0]
    assert "\n" not in loaded.refused[0]


DECIMALS = """ICC-ASP/21/20

Resolution ICC-ASP/21/Res.9

Adopted at the 5th plenary meeting, on 8 December 2022, by consensus

ICC-ASP/21/Res.9
Financing

The Assembly of States Parties,

Recalling article 115 of the Rome Statute,1

Recalling further regulations 5.6 and 6.2 of the Financial Regulations and Rules, which
set the date on which contributions fall due,2

Noting that payments received by 30 November 2022 amounted to 91.3 per cent,3

1. Decides that the Working Capital Fund shall remain at 11.6 million euros in 2023.4

2. Requests the Registrar to report by 1 March 2023.

____________
1 United Nations, Treaty Series, vol. 2187, No. 38544.
2 Official Records, First session, part II.D.
3 ICC-ASP/21/5.
4 ICC-ASP/21/20, vol. I, part A.
"""


def test_a_decimal_number_is_not_taken_for_a_footnote_marker():
    """"regulations 5.6 and 6.2 of ..." keeps its "2"; the recital's own marker ends it."""
    res = corpus.parse(DECIMALS, "decimals.txt")
    units = {u.id: u for u in res.units}
    assert [u.id for u in res.units if u.kind == "preambular"] == ["PP1", "PP2", "PP3"]
    assert "regulations 5.6 and 6.2 of the Financial" in units["PP2"].text
    assert units["PP2"].links == ("fn2",) and units["PP3"].links == ("fn3",)
    assert units["1"].text.endswith("11.6 million euros in 2023.")
    assert units["1"].links == ("fn4",)


MARKER_AFTER_A_YEAR = """Resolution ICC-ASP/30/Res.9

Adopted at the 5th plenary meeting, on 3 December 2031, by consensus

ICC-ASP/30/Res.9
Reporting on the review mechanism

The Assembly of States Parties,

Recalling its resolution ICC-ASP/29/Res.1 of 6 December 20301 and its earlier decisions,

Taking note of the report of the Bureau on the review mechanism,2

Welcoming the report of the Registry on the same subject,3

1.    Requests the Bureau to report at the thirty-first session.

                         
1 Official Records ... Twenty-ninth session (ICC-ASP/29/20), vol. I, part III.
2 ICC-ASP/30/14.
3 ICC-ASP/30/15.
"""


def test_a_marker_glued_to_a_year_is_read_and_does_not_hide_the_later_ones():
    res = corpus.parse(MARKER_AFTER_A_YEAR, "year.txt")
    by_id = {u.id: u for u in res.units}
    assert by_id["PP1"].text.endswith("of 6 December 2030 and its earlier decisions,")
    assert by_id["PP1"].links == ("fn1",)
    # the recitals after it stay apart, their markers gone and linked
    assert by_id["PP2"].text.endswith("review mechanism,") and by_id["PP2"].links == ("fn2",)
    assert by_id["PP3"].text.startswith("Welcoming") and by_id["PP3"].links == ("fn3",)
