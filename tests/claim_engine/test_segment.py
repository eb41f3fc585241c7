from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claim_engine import split_sentences


def pieces(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prices rose. Sales fell.", ["Prices rose.", "Sales fell."]),
        ("Mr. Smith met Dr. Jones today.", ["Mr. Smith met Dr. Jones today."]),
        ("He works for the U.S. Navy in Ohio.", ["He works for the U.S. Navy in Ohio."]),
        ("She moved to the U.S. The move was hard.", ["She moved to the U.S.", "The move was hard."]),
        ("Apple Inc. and others agreed, e.g. Sony.", ["Apple Inc. and others agreed, e.g. Sony."]),
        ("It costs 1.5 dollars. That is cheap.", ["It costs 1.5 dollars.", "That is cheap."]),
        ("The phone has a 1/1.1-inch sensor. It ships soon.", ["The phone has a 1/1.1-inch sensor.", "It ships soon."]),
        (
            "It uses the Snapdragon 8+ Gen 1 chip. Sony made the Xperia 1 IV.",
            ["It uses the Snapdragon 8+ Gen 1 chip.", "Sony made the Xperia 1 IV."],
        ),
        ("“We will win.” She smiled.", ["“We will win.”", "She smiled."]),
        ("He said ‘it is over.” Then he left.", ["He said ‘it is over.”", "Then he left."]),
        ('She said, "Go now." he recalled.', ['She said, "Go now." he recalled.']),
        ("Who knows? Nobody does!", ["Who knows?", "Nobody does!"]),
        ("Phones sold well\n(Image credit: Acme)\nThe end.", ["Phones sold well", "(Image credit: Acme)", "The end."]),
        ("A wrapped line that\ncontinues here.", ["A wrapped line that\ncontinues here."]),
        ("1. First point 2. Second point", ["1. First point", "2. Second point"]),
        ("He paused... and went on.", ["He paused... and went on."]),
    ],
)
def test_split_sentences_finds_news_boundaries(text: str, expected: list[str]) -> None:
    assert pieces(text) == expected


def test_headline_byline_and_caption_lines_are_separate_sentences() -> None:
    text = "Phone Maker Wins Award\nBy Ann Lee\nThe firm won. It was proud.\n"
    assert pieces(text) == ["Phone Maker Wins Award", "By Ann Lee", "The firm won.", "It was proud."]


def test_sentence_offsets_skip_surrounding_whitespace() -> None:
    text = "  One here.   Two there.  "
    sentences = split_sentences(text)
    assert [(s.start, s.end) for s in sentences] == [(2, 11), (14, 24)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab AZ.?!\n\"'“”‘’()19-/…•")), max_size=200))
def test_sentences_are_ordered_non_overlapping_and_trimmed(text: str) -> None:
    previous_end = 0
    for sentence in split_sentences(text):
        assert previous_end <= sentence.start < sentence.end <= len(text)
        piece = text[sentence.start : sentence.end]
        assert piece == piece.strip()
        previous_end = sentence.end


def test_golden_rules_pass_at_least_46_of_48(shared_dir) -> None:
    path = shared_dir / "eval" / "golden-rules" / "english_golden_rules.jsonl"
    if not path.is_file():
        pytest.skip("golden rules not present")
    rules = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    passed = sum(pieces(rule["text"]) == rule["expected"] for rule in rules)
    assert passed >= 46


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Acme showed the phone at the booth Image: Jane Doe.",
            ["Acme showed the phone at the booth", "Image: Jane Doe."],
        ),
        ("The launch drew crowds Photographs: Jane Roe/Acme", ["The launch drew crowds", "Photographs: Jane Roe/Acme"]),
        ("The image: a phone on a desk.", ["The image: a phone on a desk."]),
    ],
)
def test_credit_run_into_a_caption_starts_a_sentence_of_its_own(text: str, expected: list[str]) -> None:
    assert pieces(text) == expected


@pytest.mark.parametrize(
    "text",
    ["SAN FRANCISCO, Calif. -- The bank raised rates.", "The index rose 5%. — and then it fell back."],
)
def test_a_dash_after_a_full_stop_does_not_open_a_sentence(text: str) -> None:
    assert [text[s.start : s.end] for s in split_sentences(text)] == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rivals grew, while Warner Bros. Discovery's service reached 117 million. Shares rose.",
            ["Rivals grew, while Warner Bros. Discovery's service reached 117 million.", "Shares rose."],
        ),
        ("She joined Acme Inc. The firm grew.", ["She joined Acme Inc.", "The firm grew."]),
        ("Martin Luther King Jr. Day is a holiday.", ["Martin Luther King Jr. Day is a holiday."]),
    ],
)
def test_a_name_ending_ends_a_sentence_only_before_a_sentence_opener(text: str, expected: list[str]) -> None:
    assert [text[sentence.start : sentence.end] for sentence in split_sentences(text)] == expected
