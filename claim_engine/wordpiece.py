"""Word pieces: a word cut into the longest entries of a fixed vocabulary, left to right.

The scorer's second model averages one learned number per piece, and pieces (``vote``, ``##rs``) let a word it
never met in training (``covid``, ``lockdowns``) still count through the parts it shares with words it did. The
vocabulary is the uncased English one of BERT-style models, shipped in the model file with each piece's number.

A token is folded as those models fold text: lower case, accents stripped, and cut at every character that is not
a letter or digit. A word longer than ``MAX_WORD_CHARS``, or one with a part no piece spells, is a single unknown.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

UNKNOWN = "[UNK]"
CONTINUATION = "##"
MAX_WORD_CHARS = 100

_WORDS_AND_MARKS = re.compile(r"[^\W_]+|[^\w\s]|_")


def fold(token: str) -> list[str]:
    """A token's words and marks, lower-cased and without accents."""
    token = token.lower()
    if not token.isascii():
        token = "".join(char for char in unicodedata.normalize("NFD", token) if unicodedata.category(char) != "Mn")
    return _WORDS_AND_MARKS.findall(token)


def word_pieces(word: str, vocabulary: Container[str]) -> list[str]:
    """``word`` (already folded) as the longest vocabulary entries that spell it, later ones marked ``##``."""
    if len(word) > MAX_WORD_CHARS:
        return [UNKNOWN]
    pieces: list[str] = []
    start = 0
    while start < len(word):
        end = len(word)
        while end > start:
            piece = word[start:end] if not start else CONTINUATION + word[start:end]
            if piece in vocabulary:
                break
            end -= 1
        else:
            return [UNKNOWN]
        pieces.append(piece)
        start = end
    return pieces


def token_pieces(token: str, vocabulary: Container[str]) -> list[str]:
    """Every piece of one token as written."""
    return [piece for word in fold(token) for piece in word_pieces(word, vocabulary)]
