"""Claim kinds: one small sentence per kind of Full Fact's typology, and the reasons that name the rule."""

from __future__ import annotations

import pytest

from claim_engine import kinds
from claim_engine.kinds import ASCII_TOKEN, CUE_PHRASES, TOKEN, detect_kind, match_signals, tokenize
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


@pytest.mark.parametrize(
    ("sentence", "facts", "predicts"),
    [
        # A figure forecast earlier, which the sentence measures an outcome against or reports a change to.
        ("Retail sales grew 0.4% in March, ahead of the 0.3% forecast by analysts.", [fact("percent")], False),
        ("The chain beat forecasts for a fourth quarter in a row.", [], False),
        ("The airline cut its forecast for summer bookings.", [], False),
        ("Forecasts of a hard winter proved wrong.", [], False),
        # The verb still forecasts.
        ("Analysts forecast a rise in retail sales.", [], True),
        ("The Met Office has forecast heavy snow for the north.", [], True),
        ("Sales are forecast to grow in the spring.", [], True),
    ],
)
def test_a_forecast_figure_is_no_prediction_the_verb_is(sentence: str, facts: list[Fact], predicts: bool) -> None:
    assert (detect_kind(sentence, facts)[0] == "prediction") is predicts


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        # Before a noun, "legal" and its kin describe it; they say nothing about what a law allows.
        ("Observers watched as every legal vote was tallied in the hall.", False),
        ("Police seized a van full of illegal fireworks.", False),
        ("The couple hired a law firm in Leeds.", False),
        ("She studied at law school before joining the police.", False),
        # Predicated, they say what the law is.
        ("The court ruled the strike unlawful.", True),
        ("Until 1990 it was illegal to open a shop on Sundays.", True),
        ("Cycling on the pavement is not legal here.", True),
        ("The law bans smoking in pubs.", True),
    ],
)
def test_legal_before_a_noun_or_law_as_a_trade_is_no_rule(sentence: str, rule: bool) -> None:
    assert (detect_kind(sentence, [])[0] == "rule") is rule


@pytest.mark.parametrize(
    ("sentence", "facts", "rule"),
    [
        (
            "Under the Data Protection Act 2018, a watchdog may fine a firm up to 4% of its turnover.",
            [fact("percent")],
            True,
        ),
        ("Drivers can be fined £100 for leaving an engine running.", [fact("money")], True),
        ("Shops are allowed to open for six hours on Sundays.", [fact("duration")], True),
        ("The Clean Water Act protects the river.", [], True),
        # What happened once, a finding, and the verb "act" are no rules.
        ("The patient was allowed to leave hospital after six hours.", [fact("duration")], False),
        ("The watchdog may find the firm at fault.", [], False),
        ("Officials must act quickly to reopen the road.", [], False),
    ],
)
def test_what_a_law_lets_someone_do_is_a_rule(sentence: str, facts: list[Fact], rule: bool) -> None:
    assert (detect_kind(sentence, facts)[0] == "rule") is rule


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # "due to" and a verb is a timetable.
        ("The talks are due to resume on Monday.", "prediction"),
        ("The contract is due to expire in the spring.", "prediction"),
        ("The ruling is due on Thursday.", "prediction"),
        # "due to" and a noun is a cause, whatever verb comes before it.
        ("The delay was due to a signalling fault.", "causation"),
        ("The fall in output is due to weaker demand.", "causation"),
    ],
)
def test_due_to_and_a_verb_is_a_timetable_and_a_noun_a_cause(sentence: str, kind: str) -> None:
    kind_found, reasons = detect_kind(sentence, [])
    assert kind_found == kind
    assert ("kind:causation(because)" in reasons) is (kind == "causation")


@pytest.mark.parametrize(
    ("sentence", "facts", "kind"),
    [
        ("My son is 12 and plays the cello.", [fact("age")], "personal"),
        ("My parents paid £40,000 for the house in 1979.", [fact("money"), fact("date")], "personal"),
        # The speaker's own record and someone else's family give figures to check.
        ("I was governor for eight years.", [fact("duration")], "quantity"),
        ("Her son is 12, the court heard.", [fact("age")], "quantity"),
        ('"My father was 40 when he died," she said.', [fact("age")], "quantity"),
    ],
)
def test_the_speakers_own_family_is_personal_whatever_figures_it_gives(
    sentence: str, facts: list[Fact], kind: str
) -> None:
    assert detect_kind(sentence, facts)[0] == kind


@pytest.mark.parametrize(
    ("sentence", "comparison"),
    [
        ("The fire most likely started in the kitchen.", False),
        ("Most likely the ferry left on time.", False),
        # The superlative of "likely" compares.
        ("Young drivers are the most likely to crash.", True),
        ("Older voters were most likely to back the plan.", True),
        ("The storm was most likely the strongest of the decade.", True),
    ],
)
def test_the_hedge_most_likely_is_no_comparison(sentence: str, comparison: bool) -> None:
    assert (detect_kind(sentence, [fact("superlative", "most likely")])[0] == "comparison") is comparison


@pytest.mark.parametrize(
    ("sentence", "predicts"),
    [
        ("The airline would add 40 aircraft to its fleet over the next three years.", True),
        ("The store would reopen in the coming months.", True),
        ("A refinery could close within the next few years.", True),
        # A narrative of what came next, and a span that has passed.
        ("She spent the next ten years teaching in Leeds.", False),
        ("He sat for the next six hours in a cell.", False),
        ("Over the past two years, sales have doubled.", False),
    ],
)
def test_a_span_still_to_come_is_a_prediction(sentence: str, predicts: bool) -> None:
    facts = [fact("count")] if "40" in sentence else []
    assert (detect_kind(sentence, facts)[0] == "prediction") is predicts


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # What happened is the vote; the future is the bypass's.
        ("Councillors voted 7 to 2 on Tuesday for the bypass, which will cut journey times.", "quantity"),
        ("The bypass, which will cut journey times, was approved on Tuesday.", "event"),
        # Without a past verb of its own, or with a modal or present one, the sentence still predicts.
        ("The bypass, which will cut journey times, opens in May.", "prediction"),
        ("The bypass may be the longest in the county, which will please drivers, officials said.", "prediction"),
        ("Councillors voted for the bypass and it will open in May.", "prediction"),
    ],
)
def test_a_future_in_a_relative_clause_does_not_make_a_past_decision_a_prediction(sentence: str, kind: str) -> None:
    facts = [fact("score", "7 to 2")] if "7 to 2" in sentence else []
    facts += [fact("date", "Tuesday")] if "Tuesday" in sentence else []
    assert detect_kind(sentence, facts)[0] == kind


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The minister did not resign.", "event"),
        ("The club didn't pay the fine.", "event"),
        # A state of mind, and what someone said did not happen.
        ("The minister did not want to resign.", "other"),
        ("The minister didn't even know about the fine.", "other"),
        ("Her rival says she did not resign.", "attribution"),
    ],
)
def test_that_something_did_not_happen_is_an_event(sentence: str, kind: str) -> None:
    assert detect_kind(sentence, [])[0] == kind


@pytest.mark.parametrize(
    ("sentence", "comparison"),
    [
        ("The challenger outspent the mayor by two to one.", True),
        ("She is the league's top scorer this season.", True),
        ("The challenger spent heavily on adverts.", False),
        ("She is the top official in the department.", False),
    ],
)
def test_outdoing_a_rival_and_a_top_scorer_are_comparisons(sentence: str, comparison: bool) -> None:
    assert (detect_kind(sentence, [])[0] == "comparison") is comparison


@pytest.mark.parametrize(
    ("sentence", "attribution"),
    [
        ('So-called "cooling centres" stay open across the city.', False),
        ('A ferry named "Spirit of Leith" sank.', False),
        # A closing mark does not open a quote of the words up to the next one.
        ('Banners read "No cuts" on one side and "Save our library" on the other.', False),
        # Someone's words: four or more, or a quote that opens the sentence.
        ('The mayor called the plan "a waste of public money".', True),
        ('"Never again, not here."', True),
    ],
)
def test_a_scare_quote_or_a_title_is_no_attribution(sentence: str, attribution: bool) -> None:
    assert (detect_kind(sentence, [])[0] == "attribution") is attribution


def test_a_veto_of_the_neighbours_silences_no_cue_but_rather_than():
    # What the scorer was trained on stays as it was: only "than" is both vetoed and the start of a cue.
    cue_starts = {phrase.split()[0] for phrases in CUE_PHRASES.values() for phrase in phrases}
    assert cue_starts & set(kinds._VETOED_BY_NEIGHBOURS) == {"than"}
