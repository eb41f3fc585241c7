"""Claim engine: article text in, check-worthy claims out.

Pure Python. It never imports Django, Celery or the project's apps, so that it can be benchmarked, evaluated and
reused on its own (a test checks ``sys.modules`` in a subprocess).
"""

from claim_engine.pipeline import THRESHOLD, extract_claims
from claim_engine.segment import split_sentences
from claim_engine.types import KINDS, Claim, Fact, Sentence
from claim_engine.version import ENGINE_VERSION

__all__ = [
    "ENGINE_VERSION",
    "KINDS",
    "THRESHOLD",
    "Claim",
    "Fact",
    "Sentence",
    "extract_claims",
    "split_sentences",
]
