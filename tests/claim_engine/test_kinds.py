"""Claim kinds: one small sentence per kind of Full Fact's typology, and the reasons that name the rule."""

from __future__ import annotations

import pytest

from claim_engine.kinds import ASCII_TOKEN, TOKEN, detect_kind, match_signals, tokenize
from claim_engine.types import KINDS, Fact


def fact(type_: str, text: str = "x") -> Fact:
    return Fact(type=type_, value=None, unit=None, text=text, start=0, end=len(text))


@pytest.mark.parametrize(
    ("sentence", "facts", "kind"),
    [
        ("The city employs 4,000 teachers.", [fact("number", "4,000")], "quantity"),
        ("Unemployment is higher than it was in the spring.", [], "comparison"),
        ("It is the largest sensor on any phone.", [], "comparison"),
        ("Prices will fall sharply next spring.", [], "prediction"),
        ("The factory is expected to open in the autumn.", [], "prediction"),
        ("The outbreak was caused by contaminated water.", [], "causation"),
        ("Smoking increases the risk of stroke.", [], "causation"),
        ("Selling fireworks to children is illegal in this state.", [], "rule"),
        ("The senate passed the bill on Tuesday.", [], "rule"),
        ("The minister said the plan had been dropped.", [], "attribution"),
        ("According to the mayor, the bridge is safe.", [], "attribution"),
        ("The company launched its first phone in Paris.", [], "event"),
        ("I grew up in a small mining town.", [], "personal"),
        ("The sky looks lovely tonight.", [], "other"),
    ],
)
def test_detect_kind_finds_each_kind(sentence, facts, kind):
    assert detect_kind(sentence, facts)[0] == kind


def test_every_detected_kind_is_in_the_typology():
    sentences = ["Prices will rise.", "He said so.", "Nothing here.", "It caused a storm.", "I saw it."]
    assert {detect_kind(sentence, [])[0] for sentence in sentences} <= set(KINDS)


def test_each_fired_rule_is_a_reason_and_precedence_picks_the_kind():
    kind, reasons = detect_kind("The minister said prices will rise because of the tax.", [])
    assert kind == "prediction"
    assert reasons == ("kind:prediction(will)", "kind:causation(because)", "kind:attribution(said)")


def test_contracted_will_counts_as_prediction():
    assert detect_kind("We'll see record harvests.", [])[1][0] == "kind:prediction(will)"


def test_comparison_and_quantity_facts_decide_kind_without_wording():
    assert detect_kind("Its share is 3rd in Europe.", [fact("rank", "3rd")]) == (
        "comparison",
        ("kind:comparison(fact_rank)",),
    )
    assert detect_kind("The sensor is 1/1.1 inch.", [fact("sensor_format")])[0] == "quantity"


def test_a_date_alone_makes_an_event():
    assert detect_kind("The phone goes on sale in July.", [fact("date", "July")]) == (
        "event",
        ("kind:event(fact_date)",),
    )


def test_capitalised_bill_is_a_name_not_a_law():
    assert detect_kind("Bill was at the meeting.", [])[0] != "rule"


def test_rather_than_is_not_a_comparison():
    assert detect_kind("We walked rather than drove.", [])[0] != "comparison"


def test_quoted_speech_is_attribution():
    assert detect_kind('"This cooperation is a strong boost for us," the chairman continued.', [])[0] == "attribution"


def test_tokenize_normalises_numbers_case_and_clitics():
    assert tokenize("In 2016 we'll pay $1,200 — don’t ask.") == [
        "in", "<year>", "we", "'ll", "pay", "$", "<num>", "do", "n't", "ask",
    ]  # fmt: skip


def test_match_signals_reports_cues_and_phrases():
    signals = match_signals(tokenize("I think the tax rose by 5 percent."))
    assert signals["cue:opinion_marker"] == "opinion_marker"
    assert signals["cue:percent"] == "percent"
    assert signals["kind:comparison"] == "change"


def test_match_signals_takes_the_label_of_the_phrase_that_starts_first():
    assert match_signals(tokenize("Prices are set to rise and will fall."))["kind:prediction"] == "set_to"
    assert match_signals(tokenize("Prices will fall, as they are set to."))["kind:prediction"] == "will"
    assert "kind:comparison" not in match_signals(tokenize("Other than that, fine."))


@pytest.mark.parametrize(
    "text", ["It's 4.5% of $1,200 in 1999 - isn't it?", "x'y'z don't O'Neill_9 a__b 3.14.15 !?", "", "'' ' -- 12,"]
)
def test_ascii_token_pattern_finds_the_same_tokens_on_ascii_text(text):
    assert ASCII_TOKEN.findall(text) == TOKEN.findall(text)


def test_results_given_at_a_time_are_no_causation():
    assert "kind:causation(causes)" not in detect_kind("The firm will report results in late January.", [])[1]
    assert "kind:causation(causes)" in detect_kind("Smoking results in 8 million deaths a year.", [])[1]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ('The chief executive said the decision was "the hardest of my career".', "attribution"),
        ("“I grew up in a mining town,” the senator said.", "attribution"),
        # The first person outside the quote is the speaker's own experience.
        ('I went to the plant and said, "We need help."', "personal"),
    ],
)
def test_first_person_inside_an_attributed_quote_is_an_attribution(sentence: str, kind: str) -> None:
    assert detect_kind(sentence, [])[0] == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "Section 21 notices are abolished.",
        "Tenants are entitled to a refund of their deposit.",
        "Landlords will no longer be able to evict tenants without a reason.",
    ],
)
def test_what_a_law_abolishes_requires_or_allows_is_a_rule(sentence: str) -> None:
    assert "kind:rule(regulation)" in detect_kind(sentence, [])[1]


@pytest.mark.parametrize(
    "sentence", ["The telescope is not expected to launch before the 2040s.", "The bill isn't likely to pass."]
)
def test_a_negated_forecast_is_a_prediction(sentence: str) -> None:
    assert detect_kind(sentence, [])[0] == "prediction"
