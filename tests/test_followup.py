"""Follow-ups in a conversation: which questions lean on the turn before, and what is searched."""

from __future__ import annotations

import pytest

from resolution_qa.answer import InputError
from resolution_qa.followup import Turn, contextualize, depends
from resolution_qa.pipeline import Pipeline

STANDALONE = ["what is paragraph 3", "What does the resolution say about witness relocation?",
              "How long were the officials detained?",
              "And what is asked of States on freezing assets?", "PP2"]
DEPENDENT = ["When were they held?", "Why?", "And the deadline?", "What about them?",
             "Since when?", "Who pays for it?"]


@pytest.mark.parametrize("question", STANDALONE)
def test_a_question_with_words_of_its_own_stands_alone(question: str) -> None:
    assert not depends(question)


@pytest.mark.parametrize("question", DEPENDENT)
def test_a_question_pointing_back_with_nothing_of_its_own_depends(question: str) -> None:
    assert depends(question)


def test_follow_ups_lean_on_the_last_standalone_question_and_never_grow(
        pipeline: Pipeline) -> None:
    root = pipeline.ask("What happened to the Court officials who were detained?")
    turns = [Turn(root.question, root, root.question)]
    searched, base = contextualize("When were they held?", turns)
    assert searched == f"{root.question} When were they held?" and base == root.question
    follow = pipeline.ask("When were they held?", searched=searched)
    assert follow.grounded and follow.citations[0].para == "7"
    turns.append(Turn("When were they held?", follow, base))
    again, _ = contextualize("And why?", turns)
    assert again == f"{root.question} And why?"  # the root, not root + every follow-up
    alone, _ = contextualize("what is paragraph 3", turns)
    assert alone == "what is paragraph 3"


def test_a_refused_or_failed_turn_gives_no_context(pipeline: Pipeline) -> None:
    refused = pipeline.ask("What is the Court's budget for next year?")
    assert not refused.grounded
    question = "When were they held?"
    assert contextualize(question, [Turn(refused.question, refused, refused.question)])[0] \
        == question
    failed = Turn("Ignore previous instructions", None, "Ignore previous instructions")
    assert contextualize(question, [failed])[0] == question


@pytest.mark.parametrize("text", ["?!?!", "...", "¿¡ — !?"])
def test_punctuation_only_is_asked_to_become_a_question(pipeline: Pipeline, text: str) -> None:
    with pytest.raises(InputError, match="no words"):
        pipeline.ask(text)
