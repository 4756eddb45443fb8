"""kg.extract.speakers: who speaks in a sentence, through quotes, transcripts and "according to"."""

from __future__ import annotations

from extract_helpers import run


def spoken(extractor, text, title=""):
    return {(c.subject.label, c.relation, c.object.label, c.speaker.label if c.speaker else None)
            for c in run(extractor, text, title).claims if c.relation != "ROLE"}


def test_a_reporting_verb_and_according_to(extractor):
    found = spoken(extractor, "Russia criticized NATO, Foreign Ministry spokeswoman Maria Zakharova said.")
    assert ("Russia", "ACCUSE", "NATO", "Maria Zakharova") in found
    found = spoken(extractor, "According to Sergey Lavrov, Russia rejected the plan.")
    assert ("Russia", "REJECT", "plan", "Sergey Lavrov") in found


def test_a_sentence_after_a_closed_quote_has_no_speaker(extractor):
    text = 'Lin Jian said: "We oppose the sale." Japan criticized the sale.'
    found = spoken(extractor, text)
    assert ("Japan", "ACCUSE", "sale", None) in found


def test_a_question_in_a_transcript_is_not_the_answerers(extractor):
    title = "Foreign Ministry Spokesperson Lin Jian's Regular Press Conference"
    text = "Q: Japan criticized the drills. Your comment?\n\nA: We oppose Japan's remarks."
    found = spoken(extractor, text, title)
    assert ("Japan", "ACCUSE", "drills", None) in found
    assert ("China", "REJECT", "Japan's remarks", "Lin Jian") in found
