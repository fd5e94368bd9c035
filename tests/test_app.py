"""The chat app through its API and its chat handler, launched for real on loopback."""

from __future__ import annotations

import pytest
from gradio_client import Client

from resolution_qa.pipeline import Pipeline
from resolution_qa.render import anchor, highlight, linked, sources_html
from resolution_qa.types import Unit


@pytest.fixture(scope="module")
def client(chat_url: str) -> Client:
    return Client(chat_url, verbose=False)


def test_ask_endpoint_returns_the_cli_json_object(client: Client, pipeline: Pipeline) -> None:
    question = "Who helped secure the release of the detained officials?"
    got = client.predict(question, "hybrid", 5, api_name="/ask")
    assert got == pipeline.ask(question, mode="hybrid", top_k=5).to_json()
    assert got["grounded"] and "[¶7]" in got["answer"]


def test_ask_endpoint_refuses_unanswerable_and_rejects_bad_input(client: Client) -> None:
    got = client.predict("What is the best recipe for a chocolate cake?", "dense", 3,
                         api_name="/ask")
    assert got["grounded"] is False and got["citations"] == []
    with pytest.raises(Exception, match="empty"):
        client.predict("   ", "hybrid", 5, api_name="/ask")
    with pytest.raises(Exception, match="2,000"):
        client.predict("a" * 2500, "hybrid", 5, api_name="/ask")


def test_markers_link_to_source_cards_with_quotes_highlighted(pipeline: Pipeline) -> None:
    answer = pipeline.ask("Which paragraph deals with freezing and seizing assets?")
    md = linked(answer)
    for c in answer.citations:
        assert f"(#{anchor(c.doc, c.para)})" in md
    panel = sources_html(answer, {u.key: u for u in pipeline.units})
    assert 'id="src-' in panel and "<mark>" in panel and "Other retrieved units" in panel


def test_same_paragraph_number_in_two_documents_gets_its_own_card(pipeline: Pipeline) -> None:
    answer = pipeline.ask("What happened to the Court officials who were detained?")
    assert answer.citations[0].para == "7"
    other = Unit(doc="ICC-ASP/12/Res.3", doc_title="Cooperation", id="7", kind="operative",
                 label="Operative paragraph 7", text="Another resolution's seventh paragraph.")
    units = {u.key: u for u in [other, *pipeline.units]}
    panel = sources_html(answer, units)
    assert "Another resolution" not in panel and "serious concern" in panel
    assert anchor(other.doc, "7") != anchor(answer.citations[0].doc, "7")


def test_hostile_html_is_escaped(pipeline: Pipeline) -> None:
    assert "<mark>" not in highlight(pipeline.units[0], "<script>")
    answer = pipeline.ask("<script>alert(1)</script> what about witnesses?")
    assert "<script>" not in linked(answer)
    assert "<script>" not in sources_html(answer, {u.id: u for u in pipeline.units})


def test_refusal_shows_no_sources(pipeline: Pipeline) -> None:
    answer = pipeline.ask("Who won the 2010 football World Cup?")
    assert not answer.grounded
    assert "No sources" in sources_html(answer, {u.id: u for u in pipeline.units})


def _text(history: list) -> str:
    """The last chat message's text, as the /chat endpoint returns it."""
    content = history[-1]["content"]
    return " ".join(p.get("text", "") for p in content) if isinstance(content, list) else content


def test_chat_follow_up_through_the_api_keeps_each_session_apart(chat_url: str) -> None:
    alice, bob = Client(chat_url, verbose=False), Client(chat_url, verbose=False)
    first = alice.predict("What happened to the detained Court officials?", [], "hybrid", 5,
                          api_name="/chat")
    assert "[¶7]" in _text(first[0])
    assert f'id="{anchor("ICC-ASP/11/Res.5", "7")}"' in first[2]
    follow = alice.predict("When were they held?", first[0], "hybrid", 5, api_name="/chat")
    assert "[¶7]" in _text(follow[0]) and "Searched for:" in _text(follow[0])
    # Bob's conversation is his own: the same words open it, so nothing is borrowed.
    fresh = bob.predict("When were they held?", [], "hybrid", 5, api_name="/chat")
    assert "Searched for:" not in _text(fresh[0])


def test_chat_refuses_and_escapes_hostile_input(client: Client) -> None:
    refused = client.predict("What is the Court's budget for 2013?", [], "hybrid", 5,
                             api_name="/chat")
    assert "does not address" in _text(refused[0]) and "No sources" in refused[2]
    hostile = client.predict("<script>alert(1)</script> witnesses?", [], "hybrid", 5,
                             api_name="/chat")
    shown_question = hostile[0][0]["content"][0]["text"]
    assert "<script>" not in shown_question and "&lt;script&gt;" in shown_question
    too_long = client.predict("why " * 600, [], "hybrid", 5, api_name="/chat")
    assert "2,000" in _text(too_long[0])
