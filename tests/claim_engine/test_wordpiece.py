"""Word pieces: longest vocabulary entries left to right, text folded as uncased encoders fold it."""

from __future__ import annotations

import pytest

from claim_engine.wordpiece import MAX_WORD_CHARS, UNKNOWN, fold, token_pieces, word_pieces

VOCABULARY = frozenset({"lock", "##down", "##s", "un", "##lock", "##ed", "cafe", "5", ".", "##0", "a"})


@pytest.mark.parametrize(
    ("word", "pieces"),
    [
        ("lockdowns", ["lock", "##down", "##s"]),
        ("unlocked", ["un", "##lock", "##ed"]),
        ("lock", ["lock"]),
        ("a", ["a"]),
    ],
)
def test_longest_entries_from_the_left(word, pieces):
    assert word_pieces(word, VOCABULARY) == pieces


def test_a_word_with_a_part_no_entry_spells_is_one_unknown():
    assert word_pieces("lockx", VOCABULARY) == [UNKNOWN]
    assert word_pieces("a" * (MAX_WORD_CHARS + 1), VOCABULARY) == [UNKNOWN]


def test_tokens_are_lowered_stripped_of_accents_and_cut_at_marks():
    assert fold("Café") == ["cafe"]
    assert fold("5.0") == ["5", ".", "0"]
    assert fold("don't") == ["don", "'", "t"]
    assert token_pieces("CAFÉ", VOCABULARY) == ["cafe"]
    assert token_pieces("5.00", VOCABULARY) == ["5", ".", UNKNOWN]
