from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claim_engine import facts as facts_module
from claim_engine.facts import extract_facts

PUBLISHED = date(2022, 5, 23)


def facts_of(text: str, published: date | None = PUBLISHED):
    return extract_facts(text, published=published)


def only(text: str, kind: str, published: date | None = PUBLISHED):
    found = [fact for fact in facts_of(text, published) if fact.type == kind]
    assert len(found) == 1, found
    return found[0]


def test_sensor_format_is_normalised_with_inch_unit_and_subject() -> None:
    fact = only("The phone uses a 1/1.1-inch sensor.", "sensor_format")
    assert (fact.value, fact.unit, fact.text, fact.subject) == ("1/1.1", "inch", "1/1.1-inch", "sensor")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("It has a 50MP camera.", 50.0, "MP"),
        ("It has a 12 megapixels camera.", 12.0, "MP"),
        ("A 6.7-inch screen is fitted.", 6.7, "inch"),
        ("The lens is 24 mm wide.", 24.0, "mm"),
        ("It ships with 1 TB of storage.", 1000.0, "GB"),
        ("The chip is built on a 3nm process.", 3.0, "nm"),
        ("The screen peaks at 3,000 nits.", 3000.0, "nit"),
        ("The phone weighs 218g.", 218.0, "g"),
        ("They took 75mg of aspirin.", 75.0, "mg"),
        ("Take 5 ml of the syrup.", 5.0, "ml"),
    ],
)
def test_quantities_have_canonical_units_and_base_values(text: str, value: float, unit: str) -> None:
    fact = only(text, "quantity")
    assert (fact.value, fact.unit) == (value, unit)


def test_memory_and_storage_written_together_are_two_quantities() -> None:
    found = facts_of("The 12GB/256GB model costs more.")
    assert [(fact.value, fact.unit) for fact in found if fact.type == "quantity"] == [(12.0, "GB"), (256.0, "GB")]
    assert [fact.type for fact in facts_of("Download speeds hit 2GB/s.")] == ["number"]


@pytest.mark.parametrize(
    "text",
    [
        "Call Action Fraud on 0300 123 2040.",
        "Ring +44 20 7946 0018 for tickets.",
        "Call (555) 123-4567 or 555-123-4567.",
    ],
)
def test_telephone_numbers_give_no_numbers_or_years(text: str) -> None:
    assert facts_of(text) == []


@pytest.mark.parametrize(
    "text", ["It landed at 11:42 GMT.", "Doors open at 6:15 a.m. and close at 9pm.", "The vote ends at 10.30pm."]
)
def test_times_of_day_give_no_numbers(text: str) -> None:
    assert facts_of(text) == []


def test_decimals_and_ratios_are_not_times_of_day() -> None:
    assert [fact.value for fact in facts_of("The rate is 3.45 and the ratio 3:1.")] == [3.45, 3.0, 1.0]


def test_minus_before_a_temperature_makes_it_negative() -> None:
    fact = only("Temperatures plunge to minus 170C at night.", "quantity")
    assert (fact.value, fact.unit, fact.text) == (-170.0, "°C", "minus 170C")


@pytest.mark.parametrize("text", ["Ice could one day supply rocket fuel.", "One day, she said, it will work."])
def test_one_day_as_some_day_is_no_duration(text: str) -> None:
    assert facts_of(text) == []
    assert only("The strike lasted one day.", "duration").value == 1.0


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("A trial run by 61 British companies ended.", 61.0, "company"),
        ("It beat 5 Premier League clubs.", 5.0, "club"),
    ],
)
def test_names_before_a_plural_noun_are_stepped_over_by_a_count(text: str, value: float, unit: str) -> None:
    fact = only(text, "count")
    assert (fact.value, fact.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The air force grounded 20 F-35 jets.", 20.0, "jet"),
        ("It ordered 12 A320 aircraft.", 12.0, "aircraft"),
        ("The club employs 300 staff.", 300.0, "staff"),
        ("They plan to build 45 new nuclear power plants.", 45.0, "nuclear power plant"),
    ],
)
def test_a_count_reaches_its_plural_past_models_and_modifiers(text: str, value: float, unit: str) -> None:
    fact = only(text, "count")
    assert (fact.value, fact.unit) == (value, unit)


@pytest.mark.parametrize(
    "text",
    ["The airline flies a Boeing 737-800 jet.", "The fleet has an A320-200 model.", "It was a 90 minute delay."],
)
def test_a_number_before_a_singular_noun_or_written_onto_a_model_is_no_count(text: str) -> None:
    found = facts_of(text)
    assert [fact for fact in found if fact.type == "count"] == []
    assert [fact.value for fact in found if fact.type == "number"] in ([], [90.0])


def test_a_number_before_a_name_after_the_is_a_product_number() -> None:
    assert facts_of("The 12 Pro launches soon.") == []


def test_irregular_past_verbs_are_not_counted_nouns() -> None:
    assert [fact.type for fact in facts_of("Of the firms, 56 kept the shorter week.")] == ["number"]


def test_the_first_or_second_half_of_a_period_is_neither_a_rank_nor_a_share() -> None:
    assert [(fact.type, fact.value) for fact in facts_of("It closes in the second half of fiscal 2027.")] == [
        ("date", "2027")
    ]
    assert only("Half of the voters stayed home.", "percent").value == 50.0


def test_at_the_age_of_is_an_age() -> None:
    fact = only("She has died at the age of 91, her family said.", "age")
    assert (fact.value, fact.unit, fact.subject) == (91.0, "year", None)


def test_a_name_before_a_comma_does_not_make_the_number_a_product_number() -> None:
    found = [(fact.value, fact.unit) for fact in facts_of("She leaves Peter, three children and seven grandchildren.")]
    assert found == [(3.0, "child"), (7.0, "grandchild")]


def test_a_g_apart_from_its_number_is_no_gram() -> None:
    assert [fact for fact in facts_of("Plan 5 g was approved.") if fact.type == "quantity"] == []


def test_quantity_after_its_noun_takes_that_noun_as_subject() -> None:
    assert only("It has a big sensor at 50MP today.", "quantity").subject == "sensor"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("It cost $1.5 million.", 1_500_000.0, "USD"),
        ("It cost €20.", 20.0, "EUR"),
        ("It cost £3bn.", 3e9, "GBP"),
        ("It sells at Rs 54,999.", 54_999.0, "INR"),
        ("It raised ₹12 lakh.", 1_200_000.0, "INR"),
        ("Rs. 5 crore was spent.", 50_000_000.0, "INR"),
    ],
)
def test_money_is_in_base_units_with_currency_code(text: str, value: float, unit: str) -> None:
    fact = only(text, "money")
    assert (fact.value, fact.unit) == (value, unit)


def test_percent_is_a_fact_with_percent_unit() -> None:
    fact = only("Sales rose 25% last quarter.", "percent")
    assert (fact.value, fact.unit) == (25.0, "%")


@pytest.mark.parametrize(
    ("text", "value", "subject", "qualifier"),
    [
        ("Their five-year partnership with Acme ended.", 5.0, "partnership with Acme", None),
        ("It was in partnership with Acme for the last four years.", 4.0, "partnership with Acme", None),
        ("For over 100 years, Acme Optics has made lenses.", 100.0, "Acme Optics", "over"),
        ("The war lasted two decades.", 20.0, None, None),
    ],
)
def test_durations_are_years_with_subject_and_qualifier(text, value, subject, qualifier) -> None:
    fact = only(text, "duration")
    assert (fact.value, fact.unit, fact.subject, fact.qualifier) == (value, "year", subject, qualifier)


def test_hyphenated_rank_keeps_superlative_and_noun_phrase() -> None:
    fact = only("It is the world's third-largest smartphone manufacturer.", "rank")
    assert (fact.value, fact.subject, fact.qualifier) == (3, "smartphone manufacturer", "largest")


def test_numeric_ordinal_is_a_rank_of_the_following_noun() -> None:
    fact = only("The firm is in its 12th year of trading.", "rank")
    assert (fact.value, fact.subject) == (12, "year")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("It shows seven lenses at the rear.", 7.0, "lens"),
        ("Twenty-five people came.", 25.0, "person"),
        ("About 1.5 million visitors came.", 1_500_000.0, "visitor"),
        ("Two companies signed.", 2.0, "company"),
    ],
)
def test_counts_read_digits_and_words_and_singularise_the_noun(text: str, value: float, unit: str) -> None:
    fact = only(text, "count")
    assert (fact.value, fact.unit) == (value, unit)


def test_count_keeps_its_hedge() -> None:
    assert only("It shows as many as seven lenses.", "count").qualifier == "as many as"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("It launched on 23 May 2022.", "2022-05-23", "day"),
        ("It launched on May 23, 2022.", "2022-05-23", "day"),
        ("It launched on 2022-05-23.", "2022-05-23", "day"),
        ("It launched in March 2022.", "2022-03", "month"),
        ("It will launch in July this year.", "2022-07", "month"),
        ("It will launch this July.", "2022-07", "month"),
        ("It will launch next July.", "2022-07", "month"),
        ("It will launch next March.", "2023-03", "month"),
        ("We wrote about it last December.", "2021-12", "month"),
        ("It launched in March.", "2022-03", "month"),
        ("It will launch in March.", "2023-03", "month"),
        ("It was founded in 1925.", "1925", "year"),
        ("It grew last year.", "2021", "year"),
    ],
)
def test_dates_absolute_and_relative_to_published(text: str, value: str, unit: str) -> None:
    fact = only(text, "date")
    assert (fact.value, fact.unit) == (value, unit)


def test_relative_date_without_published_date_has_no_value() -> None:
    assert only("It will launch next July.", "date", published=None).value is None


def test_date_names_the_event_it_belongs_to() -> None:
    assert only("The phone will be launched in July this year.", "date").subject == "launch"


def test_may_as_a_verb_is_not_a_date() -> None:
    assert not [fact for fact in facts_of("It may well be the first.") if fact.type == "date"]


def test_product_model_numbers_are_not_facts() -> None:
    text = "The Acme 12 Pro and the Xperia 1 IV use the Snapdragon 8+ Gen 1."
    assert facts_of(text) == []


def test_superlative_and_comparison_are_facts() -> None:
    kinds = {fact.type: fact.value for fact in facts_of("It is the largest and sells more than rivals.")}
    assert kinds == {"superlative": "largest", "comparison": "more"}


@pytest.mark.parametrize("word", ["hottest", "wettest", "driest", "earliest", "deadliest"])
def test_weather_and_record_superlatives_are_facts(word: str) -> None:
    assert only(f"It was the {word} spell since records began.", "superlative").value == word


def test_fact_offsets_are_shifted_into_the_article() -> None:
    fact = only("It has a 50MP camera.", "quantity")
    shifted = extract_facts("It has a 50MP camera.", offset=100, published=PUBLISHED)[0]
    assert (shifted.start, shifted.end) == (fact.start + 100, fact.end + 100)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "five-year",
                "1/1.1-inch",
                "50MP",
                "$",
                "€3",
                "25%",
                "July",
                "next",
                "last",
                "this year",
                "third-largest",
                "12th",
                "seven",
                "lenses",
                "over",
                "100",
                "years",
                "Xperia",
                "1",
                "IV",
                "May",
                "2022",
                "-",
                ",",
                ".",
                " ",
            ]
        ),
        max_size=30,
    ).map(" ".join)
)
def test_every_fact_span_slices_back_to_its_text(text: str) -> None:
    for fact in extract_facts(text, offset=0, published=PUBLISHED):
        assert text[fact.start : fact.end] == fact.text


# Pieces that start, end or break the facts' patterns, joined without spaces as often as with them, so that trigger
# words also turn up inside other words and next to digits and punctuation.
_SCAN_PIECES = [
    *["one", "One", "twenty", "Twenty-one", "dozen", "a dozen", "sofa", "someone", "often", "tenth", "Second"],
    *["largest", "most", "least", "than", "more", "year", "years", "Jan.", "Sept", "May", "March", "next"],
    *["1", "12", "2022", "1/2.3", "21st", "3,000", "4.5", "٣", "$", "US$", "£", "%", "per cent", "dollars", "MP"],
    *["Thursday", "Sundays", "on", "to", " to ", "3-2", "–", "cents", "pence", "miles", "basis points", "weeks"],
    *["straight", "28", "of", "°C", "km/h", "half", "Half", "a third", "thirds", "quarters", "in", "out of", "/"],
    *["2021-22", "1999", "per", " per ", "100,000", "thousand", "aged", "quarter", "Q3", "Q", "twice", "doubled"],
    *["three months of", "the final", " the year", "for a", " week", "end of", "year-end", "Yesterday", "today"],
    *["-point", " point", "percentage", " ago", " or ", "second", "the 20th", " century", "from", "last night"],
    *["The", "the", "following", " month", "Christmas Day", "June", " quarter", "the past"],
    *[
        "double",
        "times",
        "fold",
        "C",
        "F",
        "ppm",
        "-year-old",
        "and over",
        "between ",
        " and ",
        "turned",
        "Twice",
        "Halved",
        "NOK",
        "NOK ",
        "XNOK",
        " over ",
        "people",
        "2:51",
        "month",
    ],
    *[" ", " ", " ", "-", ",", ".", "(", "\n", "’", "ſ", "_"],
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SCAN_PIECES), max_size=40).map("".join))
def test_trying_patterns_only_at_trigger_positions_finds_what_a_full_scan_finds(text: str) -> None:
    starts = facts_module._Triggers(text).starts_per_reader()
    for (pattern, _), candidate_starts in zip(facts_module._READERS, starts, strict=True):
        full_scan = [match.span() for match in pattern.finditer(text)]
        assert [match.span() for match in facts_module._matches(pattern, text, candidate_starts)] == full_scan


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([piece for piece in _SCAN_PIECES if piece.isascii()]), max_size=40).map("".join))
def test_the_ascii_trigger_scan_finds_what_the_unicode_one_finds_in_ascii_text(text: str) -> None:
    def found(scan):
        return [(match.span(), match.group(1)) for match in scan.finditer(text)]

    assert found(facts_module._ASCII_TRIGGER) == found(facts_module._TRIGGER)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The 3.2-mile line opens soon.", 3.2, "mile"),
        ("The road is 12 kilometres long.", 12.0, "km"),
        ("The tower stands 310 metres tall.", 310.0, "m"),
        ("The storm brought winds of 90 mph.", 90.0, "mph"),
        ("The plant burns 2,000 tonnes of coal.", 2000.0, "tonne"),
        ("Output reached 1.2 million barrels a day.", 1_200_000.0, "barrel per day"),
        ("The farm covers 450 acres.", 450.0, "acre"),
        ("The reactor supplies 1.6 GW to the grid.", 1.6e9, "W"),
        ("Households used 2,700 kWh a year.", 2.7e6, "Wh per year"),
        ("Temperatures hit 40.3°C on the coast.", 40.3, "°C"),
        ("The park spans 120 square miles.", 120.0, "sq mile"),
        ("The bank raised rates by 25 basis points.", 25.0, "bp"),
        ("Support fell 3 percentage points.", 3.0, "pp"),
    ],
)
def test_general_units_are_quantities_in_their_canonical_unit(text: str, value: float, unit: str) -> None:
    fact = only(text, "quantity")
    assert (fact.value, fact.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Gas is 40 cents cheaper.", 0.4, "USD"),
        ("A stamp costs 85 pence.", 0.85, "GBP"),
        ("The €2 coffee now costs 30 cents more.", 0.3, "EUR"),
    ],
)
def test_cents_and_pence_are_money_in_the_main_unit(text: str, value: float, unit: str) -> None:
    fact = [fact for fact in facts_of(text) if fact.type == "money"][-1]
    assert (fact.value, fact.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Rates have climbed for five straight weeks.", 5.0, "week"),
        ("Prices fell for three consecutive years.", 3.0, "year"),
        ("He wants two more years in office.", 2.0, "year"),
        ("Prices have doubled over the past decade.", 10.0, "year"),
        ("The dam has stood for a century.", 100.0, "year"),
        ("She is the youngest mayor in half a century.", 50.0, "year"),
        ("He was jailed for six and a half years.", 6.5, "year"),
    ],
)
def test_a_duration_may_carry_an_adjective_before_its_unit(text: str, value: float, unit: str) -> None:
    fact = only(text, "duration")
    assert (fact.value, fact.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Published Monday 2022-05-23.
        ("The final will be played on 28 May.", "2022-05-28"),
        ("The final was played on 28 May.", "2021-05-28"),
        ("The deadline is June 1st.", "2022-06-01"),
        ("The shop opened on the 3rd of May.", "2022-05-03"),
        ("It was announced on 2 January and will ship on 3 February.", "2023-02-03"),
        ("Companies have until 18 February to appeal.", "2023-02-18"),
        ("Prices had risen by 1 March.", "2022-03-01"),
    ],
)
def test_day_and_month_without_a_year_take_it_from_the_published_date_and_tense(text: str, value: str) -> None:
    fact = [fact for fact in facts_of(text) if fact.type == "date"][-1]
    assert (fact.value, fact.unit) == (value, "day")


def test_an_impossible_day_is_not_a_date() -> None:
    assert [fact for fact in facts_of("It happened on 30 February.") if fact.type == "date"] == []


@pytest.mark.parametrize(
    ("text", "value", "fact_text"),
    [
        # Published Monday 2022-05-23.
        ("The council voted on Thursday.", "2022-05-19", "Thursday"),
        ("Officials said Friday that talks had failed.", "2022-05-20", "Friday"),
        ("The vote will take place on Friday.", "2022-05-27", "Friday"),
        ("Ministers meet on Monday.", "2022-05-23", "Monday"),
        ("Talks resume next Monday.", "2022-05-30", "next Monday"),
        ("Talks failed last Monday.", "2022-05-16", "last Monday"),
        ("Sunday's election was close.", "2022-05-22", "Sunday"),
        ("Acme will buy Bolt for $5 a share, a 30% premium to Friday's closing price.", "2022-05-20", "Friday"),
        ("Friday's vote will decide it.", "2022-05-27", "Friday"),
        ("The agency expects temperatures to ease from Wednesday.", "2022-05-25", "Wednesday"),
        ("Prices had eased from Wednesday.", "2022-05-18", "Wednesday"),
    ],
)
def test_weekdays_resolve_to_the_nearest_such_day_the_tense_points_to(text: str, value: str, fact_text: str) -> None:
    fact = only(text, "date")
    assert (fact.value, fact.unit, fact.text) == (value, "day", fact_text)


@pytest.mark.parametrize(
    "text",
    [
        "On Super Tuesday, you got very lucky.",
        "Stores open early on Mondays.",
        "The Sunday Times first reported the deal.",
        "Friday, July 21, 2017",
    ],
)
def test_named_days_habits_and_dated_weekdays_are_no_weekday_date(text: str) -> None:
    weekday_dates = [fact for fact in facts_of(text) if fact.type == "date" and "day" in fact.text.lower()]
    assert weekday_dates == []


def test_weekday_without_a_published_date_has_no_value() -> None:
    assert only("The council voted on Thursday.", "date", published=None).value is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Rovers beat City 3-2 on Sunday.", "3-2"),
        ("City had led 2-1 at half-time.", "2-1"),
        ("It was a 1–0 win for the hosts.", "1-0"),
        ("The council voted 31 to 12 to approve it.", "31-12"),
        ("The motion passed by 52-48.", "52-48"),
        ("Town won the title, beating Millbrook 3-1 at home.", "3-1"),
        ("The Supreme Court, ruling 6-3, struck the law down.", "6-3"),
        ("A 5-4 decision upheld it.", "5-4"),
        ("The match ended 3-1.", "3-1"),
        ("Councillors approved the budget on Monday by 32 votes to 19.", "32-19"),
    ],
)
def test_match_scores_and_vote_tallies_are_score_facts(text: str, value: str) -> None:
    fact = only(text, "score")
    assert (fact.value, fact.unit) == (value, None)


@pytest.mark.parametrize("text", ["Cook it for 5-10 minutes.", "Children aged 3 to 5 attend.", "Read pages 10-12."])
def test_number_ranges_are_not_scores(text: str) -> None:
    assert [fact for fact in facts_of(text) if fact.type == "score"] == []


@pytest.mark.parametrize(
    ("text", "value", "fact_text", "subject"),
    [
        ("One in five adults smoke.", 20.0, "One in five", "adults"),
        ("3 out of 10 homes lack broadband.", 30.0, "3 out of 10", "homes"),
        ("Two-thirds of voters backed it.", 66.67, "Two-thirds", "voters"),
        ("Three quarters of homes have broadband.", 75.0, "Three quarters", "homes"),
        ("Half of the voters stayed home.", 50.0, "Half", "voters"),
        ("The vaccine cut deaths by a third.", 33.33, "a third", None),
    ],
)
def test_shares_in_words_are_percentages(text: str, value: float, fact_text: str, subject: str | None) -> None:
    fact = only(text, "percent")
    assert (fact.value, fact.unit, fact.text, fact.subject) == (value, "%", fact_text, subject)


def test_a_share_in_words_keeps_its_hedge() -> None:
    assert only("It cut deaths by about a third.", "percent").qualifier == "about"


@pytest.mark.parametrize(
    "text",
    ["He won a third term.", "The half-time score was level.", "It took half an hour.", "It rose 3 in 2021."],
)
def test_ordinals_halves_of_time_and_years_are_not_shares(text: str) -> None:
    assert [fact for fact in facts_of(text) if fact.type == "percent"] == []


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("It ordered 200 million doses.", "dose"),
        ("They won 3 prizes.", "prize"),
        ("It runs 40 buses.", "bus"),
        ("The phone has seven lenses.", "lens"),
        ("It opened 12 new offices and 4 branches.", "office"),
    ],
)
def test_count_nouns_are_singularised_without_clipping_them(text: str, unit: str) -> None:
    assert next(fact for fact in facts_of(text) if fact.type == "count").unit == unit


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Between 60 and 70 percent of offences were committed by young men.", [60.0, 70.0]),
        ("Turnout was 60-70% in most districts.", [60.0, 70.0]),
        ("It grew 5 to 7 per cent.", [5.0, 7.0]),
        ("Sales rose 3 and 5 percent in two regions.", [5.0]),
    ],
)
def test_both_ends_of_a_percentage_range_are_percentages(text: str, values: list[float]) -> None:
    assert [fact.value for fact in facts_of(text) if fact.type == "percent"] == values


def test_a_count_may_say_it_is_an_addition() -> None:
    fact = only("We will put 200 more officers on the streets.", "count")
    assert (fact.value, fact.unit, fact.qualifier, fact.text) == (200.0, "officer", "more", "200 more officers")
    fact = only("She promised 60 new police officers.", "count")
    assert (fact.value, fact.unit, fact.qualifier) == (60.0, "police officer", "new")


def test_a_comparison_names_what_is_compared_when_it_stands_before_than() -> None:
    fact = only("The force has lost more officers than any other.", "comparison")
    assert (fact.value, fact.subject, fact.text) == ("more", "officers", "more officers than")


def test_common_past_verbs_put_a_bare_month_in_the_past() -> None:
    # Published in May 2022: a November that has been reached is last year's.
    assert only("The population reached 8 billion in November.", "date").value == "2021-11"


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # Published Monday 2022-05-23. Each date takes the tense of its own clause, not the sentence's.
        ("The phone, which launched in March, will get an update in August.", ["2022-03", "2022-08"]),
        ("The phone was launched in March and will get an update in August.", ["2022-03", "2022-08"]),
        ("Traders see a 60% chance of a cut in June, up from 45% a week ago.", ["2022-06", "2022-05-16"]),
        ("The strike, which began on Monday, is expected to end on Friday.", ["2022-05-23", "2022-05-27"]),
        ("The company said on Friday that it will open 20 stores in August.", ["2022-05-20", "2022-08"]),
        ("The event will be held in March, the organisers said.", ["2023-03"]),
        ("Sales in November rose 5%.", ["2021-11"]),
        # A short opening adverbial takes the tense of the clause it opens.
        ("In November, sales rose 5% and the firm will expand.", ["2021-11"]),
        ("By March, the company will have hired 500 staff.", ["2023-03"]),
        # What is said outside a quotation is not the tense of a date inside it.
        ("“Look forward to a new era in July!” the company said.", ["2022-07"]),
        # A clause without a tense of its own takes the one before it.
        ("The company will hold the event, probably in March.", ["2023-03"]),
        # The earlier figure of a change is in the past.
        ("Twelve officials see two cuts this year, up from nine in December.", ["2022", "2021-12"]),
    ],
)
def test_a_date_takes_the_tense_of_its_own_clause(text: str, values: list[str]) -> None:
    assert [fact.value for fact in facts_of(text) if fact.type == "date"] == values


def test_a_relation_that_opens_the_sentence_is_read_capitalised() -> None:
    fact = only("Last December, the company announced the phone.", "date")
    assert (fact.value, fact.text) == ("2021-12", "Last December")
    assert only("In July, the phone goes on sale.", "date").value == "2022-07"


def test_month_of_year_is_one_month() -> None:
    fact = only("He became president in August of 1974.", "date")
    assert (fact.value, fact.unit, fact.text) == ("1974-08", "month", "August of 1974")


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("The 2021-22 season saw 5% growth.", ["2021", "2022"]),
        ("Revenue for 2023/24 rose 4%.", ["2023", "2024"]),
        ("The 1999/00 budget was cut.", ["1999", "2000"]),
        ("Prices fell over the 1990-95 period.", ["1990", "1995"]),
    ],
)
def test_both_years_of_a_season_or_span_are_dates_and_nothing_else(text: str, years: list[str]) -> None:
    found = facts_of(text)
    assert [fact.value for fact in found if fact.type == "date"] == years
    assert [fact.type for fact in found if fact.type not in ("date", "percent")] == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("It was 1.6C above pre-industrial levels.", 1.6, "°C"),
        ("Phoenix topped 100F on Sunday.", 100.0, "°F"),
        ("Concentrations reached 422 ppm.", 422.0, "ppm"),
        ("They rose by 2.9 parts per million.", 2.9, "ppm"),
    ],
)
def test_temperatures_written_onto_the_number_and_parts_per_million_are_quantities(text, value, unit) -> None:
    fact = only(text, "quantity")
    assert (fact.value, fact.unit) == (value, unit)


@pytest.mark.parametrize("text", ["The iPhone 5C sold well.", "It was 5 C warmer.", "Grade 3C pupils sat it."])
def test_a_c_or_f_that_is_not_written_onto_a_plain_number_is_no_temperature(text: str) -> None:
    assert [fact for fact in facts_of(text) if fact.unit in ("°C", "°F")] == []


@pytest.mark.parametrize(
    ("text", "value", "unit", "subject", "fact_text"),
    [
        ("Admissions fell to 8.2 per 100,000 people.", 8.2, "per 100,000 people", None, "8.2 per 100,000 people"),
        ("Police recorded 412 offences per 100,000 residents.", 412.0, "per 100,000 residents", "offence", None),
        ("There were 3.5 deaths per thousand live births.", 3.5, "per 1,000 live births", "death", None),
    ],
)
def test_rates_keep_the_count_and_say_per_how_many_of_what(text, value, unit, subject, fact_text) -> None:
    fact = only(text, "rate")
    assert (fact.value, fact.unit, fact.subject) == (value, unit, subject)
    assert fact_text is None or fact.text == fact_text
    assert [other.type for other in facts_of(text) if other.type in ("count", "number")] == []


@pytest.mark.parametrize(
    ("text", "values", "subject", "qualifier"),
    [
        ("A 54-year-old man died.", [54.0], "man", None),
        ("People aged 65 and over were vaccinated.", [65.0], "people", "and over"),
        ("Children aged 3 to 5 attend.", [3.0, 5.0], "children", None),
    ],
)
def test_ages_are_ages_not_durations(text: str, values: list[float], subject: str, qualifier: str | None) -> None:
    found = facts_of(text)
    ages = [fact for fact in found if fact.type == "age"]
    assert [fact.value for fact in ages] == values
    assert {(fact.unit, fact.subject) for fact in ages} == {("year", subject)}
    assert ages[-1].qualifier == qualifier
    assert [fact.type for fact in found if fact.type != "age"] == []


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("The economy grew 4.9% in the third quarter.", date(2023, 11, 3), "2023-Q3"),
        # Said in February, a fourth quarter that is reported has ended: last year's.
        ("Profits fell in the fourth quarter.", date(2024, 2, 10), "2023-Q4"),
        ("First-quarter sales will rise.", date(2023, 11, 3), "2024-Q1"),
        ("Profits rose in Q3.", date(2023, 11, 3), "2023-Q3"),
        ("Revenue in the second quarter of 2021 fell.", date(2023, 11, 3), "2021-Q2"),
        ("Q4 2021 was weak.", date(2023, 11, 3), "2021-Q4"),
        ("Sales in the first quarter of last year fell.", date(2023, 11, 3), "2022-Q1"),
    ],
)
def test_quarters_are_dates_resolved_against_the_published_date(text: str, published: date, value: str) -> None:
    found = facts_of(text, published)
    fact = only(text, "date", published)
    assert (fact.value, fact.unit) == (value, "quarter")
    assert [other for other in found if other.type == "rank"] == []


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("Cases were twice as high as in 2022.", 2.0, None),
        ("It grew more than double the pace of the previous quarter.", 2.0, "more than"),
        ("Prices doubled.", 2.0, None),
        ("The fee tripled.", 3.0, None),
        ("Waiting lists have halved.", 0.5, None),
        ("It is three times as large.", 3.0, None),
        ("It saw a 10-fold rise.", 10.0, None),
        ("It has a 3.5x optical zoom.", 3.5, None),
        ("They were 1.5 times more likely to bleed.", 1.5, None),
    ],
)
def test_multiples_are_facts_with_their_factor(text: str, value: float, qualifier: str | None) -> None:
    fact = only(text, "multiple")
    assert (fact.value, fact.unit, fact.qualifier) == (value, "x", qualifier)
    assert [other for other in facts_of(text) if other.type == "comparison"] == []


@pytest.mark.parametrize(
    "text",
    [
        "She was elected twice.",
        "They booked a double room.",
        "He doubled down.",
        "We meet three times a week.",
        "Asante scores twice as Town beat Millbrook.",
        "He scored twice as the clock ran down.",
    ],
)
def test_occasions_and_things_called_double_are_not_multiples(text: str) -> None:
    assert [fact for fact in facts_of(text) if fact.type == "multiple"] == []


@pytest.mark.parametrize(
    ("text", "type_", "values", "unit"),
    [
        ("The agreement refers to averages over 20 to 30 years.", "duration", [20.0, 30.0], "year"),
        ("Cook it for 5-10 minutes.", "duration", [5.0, 10.0], "minute"),
        ("The line runs between 3 and 5 km.", "quantity", [3.0, 5.0], "km"),
        ("A 2-3 inch gap opened.", "quantity", [2.0, 3.0], "inch"),
    ],
)
def test_both_ends_of_a_range_of_durations_or_quantities_take_the_unit(text, type_, values, unit) -> None:
    found = facts_of(text)
    assert [(fact.type, fact.value, fact.unit) for fact in found] == [(type_, value, unit) for value in values]


def test_a_month_after_by_in_a_sentence_not_in_the_past_is_ahead() -> None:
    # Published in May 2022.
    assert only("Markets put the chance of a hike by January at 10%.", "date").value == "2023-01"
    assert only("Prices had fallen by January.", "date").value == "2022-01"
    assert only("The ban applies from January.", "date").value == "2023-01"
    assert only("Prices rose from January.", "date").value == "2022-01"


def test_an_age_group_is_an_age() -> None:
    fact = only("One in five 17-year-olds has tried vaping.", "age")
    assert (fact.value, fact.unit, fact.text) == (17.0, "year", "17-year-olds")


def test_a_proportion_does_not_swallow_a_score_followed_by_a_time() -> None:
    found = facts_of("It won 3 to 1 in 90 minutes.")
    assert [(fact.type, fact.value) for fact in found] == [("score", "3-1"), ("duration", 90.0)]


def test_last_year_at_the_start_of_a_sentence_is_resolved() -> None:
    assert only("Last year was the warmest on record.", "date").value == "2021"


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Two-thirds of the population lives in cities.", "population"),
        ("The partnership with Huawei runs for six years.", "partnership with Huawei"),
        ("A 5% rise in prices hit families.", "rise"),
    ],
)
def test_subjects_stop_at_verbs(text: str, subject: str) -> None:
    assert facts_of(text)[0].subject == subject


def test_a_noun_that_is_also_a_verb_heads_a_count() -> None:
    assert only("The vaccine saved 200 lives.", "count").unit == "life"
    assert only("He scored 120 runs.", "count").unit == "run"


@pytest.mark.parametrize(
    ("text", "value"),
    [("The prime minister, who turned 44 last month, spoke.", 44.0), ("She turns 50 this year.", 50.0)],
)
def test_turning_a_number_of_years_is_an_age(text: str, value: float) -> None:
    assert only(text, "age").value == value


@pytest.mark.parametrize("text", ["The ship turned 180 degrees.", "Profits turned 3 million into a loss."])
def test_turning_into_an_amount_is_no_age(text: str) -> None:
    assert [fact for fact in facts_of(text) if fact.type == "age"] == []


def test_a_decade_is_a_date_of_its_own() -> None:
    fact = only("It is the longest spell since the 1950s.", "date")
    assert (fact.value, fact.unit, fact.text) == ("1950s", "decade", "1950s")


def test_a_fiscal_quarter_is_not_put_on_the_calendar() -> None:
    fact = only("Revenue rose in its fiscal fourth quarter.", "date", date(2024, 10, 31))
    assert (fact.value, fact.unit, fact.qualifier) == (None, "quarter", "fiscal")


def test_a_model_number_after_a_name_with_an_inner_capital_is_not_a_fact() -> None:
    assert facts_of("The iPhone 16 had been selling well.") == []


def test_a_subject_is_never_the_tail_of_a_capitalised_word() -> None:
    fact = only("Labour leads the Conservatives with two weeks to go.", "duration")
    assert fact.subject is None


def test_a_scale_word_at_the_end_belongs_to_the_number() -> None:
    assert [(fact.type, fact.value) for fact in facts_of("It sold 3 million.")] == [("number", 3_000_000.0)]


def test_a_forecast_puts_a_weekday_ahead() -> None:
    # Published on Monday 23 May 2022.
    assert only("Temperatures are forecast to reach 31C on Wednesday.", "date").value == "2022-05-25"


@pytest.mark.parametrize(
    ("text", "type_"),
    [("The fire is only 15% contained, officials said.", "percent"), ("In 2012, 50,000 hectares burned.", "quantity")],
)
def test_a_participle_after_an_amount_is_not_its_subject(text: str, type_: str) -> None:
    assert only(text, type_).subject is None


def test_a_participle_before_a_noun_is_part_of_the_counted_thing() -> None:
    assert only("There are 300 licensed drivers.", "count").unit == "licensed driver"


@pytest.mark.parametrize(
    ("text", "value", "subject"),
    [("John Marsh, 61, of Hull, was found guilty.", 61.0, "Marsh"), ("His wife, 58, was cleared.", 58.0, "wife")],
)
def test_an_age_between_commas_after_a_name_or_noun_is_an_age(text: str, value: float, subject: str) -> None:
    fact = only(text, "age")
    assert (fact.value, fact.unit, fact.subject, fact.text) == (value, "year", subject, f"{value:.0f}")


def test_numbers_in_a_list_are_not_ages() -> None:
    assert [fact for fact in facts_of("Prices rose in Paris, 12, and Lyon.") if fact.type == "age"] == []


def test_a_verb_before_for_is_not_the_subject_of_a_duration() -> None:
    assert only("He was jailed for eight years.", "duration").subject is None


def test_found_guilty_is_not_a_founding() -> None:
    assert only("He was found guilty on Thursday.", "date").subject is None


@pytest.mark.parametrize(
    ("text", "unit", "fact_text"),
    [
        ("Nurses earn an average of £35,000 a year.", "GBP per year", "£35,000 a year"),
        ("It pays $5bn annually.", "USD per year", "$5bn annually"),
        ("The bridge carries about 160,000 vehicles a day.", "vehicle per day", "160,000 vehicles a day"),
        ("It kills 10,000 people a year in the UK.", "person per year", "10,000 people a year"),
        ("We spend $700 billion a year on defence.", "USD per year", "$700 billion a year"),
        ("It will buy the firm for $95 a share.", "USD per share", "$95 a share"),
        ("Oil hit $80 a barrel.", "USD per barrel", "$80 a barrel"),
        ("Gold hit $3,050 an ounce.", "USD per ounce", "$3,050 an ounce"),
        ("He scores 2 goals a game.", "goal per game", "2 goals a game"),
    ],
)
def test_an_amount_per_period_says_its_period_in_the_unit(text: str, unit: str, fact_text: str) -> None:
    fact = next(fact for fact in facts_of(text) if fact.type in ("money", "count"))
    assert (fact.unit, fact.text) == (unit, fact_text)


def test_a_year_ago_is_no_period_but_a_date() -> None:
    found = [(fact.type, fact.value, fact.unit) for fact in facts_of("Sales hit 2 million a year ago.")]
    assert found == [("number", 2_000_000.0, None), ("date", "2021", "year")]
    assert only("It was double the level of a decade ago.", "date").value == "2012"
    assert only("The rate was 6.6% a week ago.", "date").value == "2022-05-16"


def test_deep_time_ago_stays_a_span() -> None:
    fact = only("The galaxy formed more than 13.5 billion years ago.", "duration")
    assert (fact.value, fact.unit) == (13_500_000_000.0, "year")
    assert [fact for fact in facts_of("The galaxy formed 13.5 billion years ago.") if fact.type == "date"] == []


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("A record 1.2 million people visited last summer.", date(2024, 2, 14), "2023"),
        ("A record 1.2 million people visited last summer.", date(2024, 9, 14), "2024"),
        ("The park opens next spring.", date(2024, 2, 14), "2024"),
        ("The park opens next spring.", date(2024, 4, 14), "2025"),
    ],
)
def test_seasons_resolve_to_the_year_meant(text: str, published: date, value: str) -> None:
    fact = only(text, "date", published)
    assert (fact.value, fact.unit) == (value, "season")


def test_a_span_of_time_is_not_the_subject_of_an_amount_after_it() -> None:
    assert only("Prices rose over the past 12 months to £290,000.", "money").subject is None


def test_a_margin_of_error_is_plus_or_minus_not_negative() -> None:
    fact = only("The margin of error is plus or minus 3.1 percentage points.", "quantity")
    assert (fact.value, fact.unit, fact.qualifier) == (3.1, "pp", "plus or minus")
    assert only("Temperatures fell to minus 5C.", "quantity").value == -5.0


@pytest.mark.parametrize(
    ("text", "value", "fact_text"),
    [
        ("Harlow holds a five-point lead over Brandt.", 5.0, "five-point"),
        ("The Dow fell 500 points.", 500.0, "500 points"),
        ("Rovers are 12 points off the top.", 12.0, "12 points"),
        ("Finch fired in from 20 yards.", 20.0, "20 yards"),
        ("A 40-yard run won it.", 40.0, "40-yard"),
    ],
)
def test_points_and_yards_are_quantities(text: str, value: float, fact_text: str) -> None:
    fact = only(text, "quantity")
    assert (fact.value, fact.text) == (value, fact_text)
    assert fact.unit == ("yard" if "yard" in fact_text else "point")


def test_at_one_point_is_a_moment_not_a_number() -> None:
    assert facts_of("At one point, talks nearly collapsed.") == []


def test_an_aperture_is_an_f_number_not_a_count_of_lenses() -> None:
    found = facts_of("It pairs the sensor with an f/1.6 lens and two lenses.")
    assert [(fact.type, fact.value, fact.unit, fact.text) for fact in found] == [
        ("quantity", 1.6, "f-number", "f/1.6"),
        ("count", 2.0, "lens", "two lenses"),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Rovers finished seventh last season.", 7),
        ("She came in second.", 2),
        ("It is ranked fourth.", 4),
        ("The Swede, seeded fourth, won.", 4),
    ],
)
def test_a_placing_is_a_rank_without_a_noun_after_it(text: str, value: int) -> None:
    assert only(text, "rank").value == value


def test_a_bare_ordinal_that_places_nothing_is_no_rank() -> None:
    assert [fact for fact in facts_of("Two were hurt; a third escaped.") if fact.type == "rank"] == []


@pytest.mark.parametrize(
    ("text", "values", "texts"),
    [
        ("The survey, conducted May 8-11, found 49%.", ["2022-05-08", "2022-05-11"], ["May 8", "11"]),
        ("The festival runs 17-18 June.", ["2022-06-17", "2022-06-18"], ["17", "18 June"]),
    ],
)
def test_a_span_of_days_gives_both_days(text: str, values: list[str], texts: list[str]) -> None:
    dates = [fact for fact in facts_of(text) if fact.type == "date"]
    assert ([fact.value for fact in dates], [fact.text for fact in dates]) == (values, texts)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The rate was 5.21% at the start of May.", "2022-05"),
        ("Prices will rise by the end of March.", "2023-03"),
        ("Sales slowed at the beginning of February.", "2022-02"),
    ],
)
def test_the_start_or_end_of_a_month_is_that_month(text: str, value: str) -> None:
    fact = only(text, "date")
    assert (fact.value, fact.unit) == (value, "month")


@pytest.mark.parametrize(
    ("text", "value", "fact_text"),
    [
        ("A magnitude 6.4 earthquake struck southern Peru.", 6.4, "magnitude 6.4"),
        ("A 7.1-magnitude quake hit the coast.", 7.1, "7.1-magnitude"),
    ],
)
def test_an_earthquakes_magnitude_is_a_quantity_not_a_count_of_quakes(text: str, value: float, fact_text: str) -> None:
    fact = only(text, "quantity")
    assert (fact.value, fact.unit, fact.text) == (value, "magnitude", fact_text)
    assert [fact for fact in facts_of(text) if fact.type == "count"] == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The government will release 50 million soles in aid.", 50e6, "PEN"),
        ("Toyota earned 1.2 trillion yen.", 1.2e12, "JPY"),
        ("He paid 2,000 rand for it.", 2000.0, "ZAR"),
        ("Petrol was 4p a litre cheaper.", 0.04, "GBP per litre"),
        ("A pint costs 99p.", 0.99, "GBP"),
    ],
)
def test_currencies_written_out_and_glued_pence_are_money(text: str, value: float, unit: str) -> None:
    fact = only(text, "money")
    assert (fact.value, fact.unit) == (pytest.approx(value), unit)


def test_a_video_resolution_is_not_pence() -> None:
    assert [fact for fact in facts_of("It records 1080p video.") if fact.type == "money"] == []


@pytest.mark.parametrize(
    ("text", "fact_text"),
    [
        ("The fee is £62 million, rising to £70m with add-ons.", "£70m"),
        ("The home costs about £11,000 below the peak.", "£11,000"),
    ],
)
def test_a_word_of_movement_or_place_is_no_subject(text: str, fact_text: str) -> None:
    fact = next(fact for fact in facts_of(text) if fact.text == fact_text)
    assert fact.subject is None


def test_the_start_or_end_of_a_month_is_no_event_of_a_later_date() -> None:
    text = "The rate was 5.21% at the start of May, up from 4.6% in March."
    march = next(fact for fact in facts_of(text) if fact.text == "March")
    assert march.subject is None
    assert only("Sales will start in July.", "date").subject == "start"


def test_earth_and_working_days_are_durations() -> None:
    fact = only("The lander will operate for about 14 Earth days.", "duration")
    assert (fact.value, fact.unit, fact.qualifier) == (14.0, "day", "about")
    assert only("Refunds take 10 working days.", "duration").value == 10.0


def test_an_age_group_is_an_age_with_its_bound() -> None:
    fact = only("Nearly three-quarters of over-65s have had the vaccine.", "age")
    assert (fact.value, fact.unit, fact.qualifier, fact.text) == (65.0, "year", "over", "over-65s")
    assert [
        fact for fact in facts_of("Nearly three-quarters of over-65s have had the vaccine.") if fact.type == "number"
    ] == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("She won in an hour and 24 minutes.", 84.0, "minute"),
        ("He was jailed for six years and eight months.", 80.0, "month"),
    ],
)
def test_a_span_in_two_units_is_one_duration_in_the_smaller(text: str, value: float, unit: str) -> None:
    fact = only(text, "duration")
    assert (fact.value, fact.unit) == (value, unit)


def test_two_spans_joined_by_and_stay_two() -> None:
    found = facts_of("The firm is two years into a deal and 10 minutes from the station.")
    assert [(fact.value, fact.unit) for fact in found if fact.type == "duration"] == [(2.0, "year"), (10.0, "minute")]


def test_the_last_year_before_an_event_is_no_relative_year() -> None:
    text = "That is above the 25.2% recorded in 2019, the last year before the pandemic."
    assert [fact.value for fact in facts_of(text) if fact.type == "date"] == ["2019"]
    assert only("Sales fell last year.", "date").value == "2021"


def test_an_adjective_ending_in_s_is_not_the_counted_plural() -> None:
    fact = only("It added 46 overseas markets.", "count")
    assert (fact.value, fact.unit) == (46.0, "overseas market")


@pytest.mark.parametrize(
    ("text", "value"),
    [("She will rise to number two in the world rankings.", 2), ("She is the world No. 3 in the WTA rankings.", 3)],
)
def test_a_number_in_a_ranking_is_a_rank(text: str, value: int) -> None:
    assert only(text, "rank").value == value


def test_a_number_that_names_a_bus_or_a_door_is_no_rank() -> None:
    assert [fact.type for fact in facts_of("I take the number 12 bus to No. 10.") if fact.type == "rank"] == []


@pytest.mark.parametrize(
    ("text", "value", "fact_text"),
    [
        ("Emissions rose to a record 57.8 billion tonnes.", "record", "a record"),
        ("Shares hit a record high on Friday.", "record high", "record high"),
        ("Turnout reached an all-time high of 61%.", "record high", "all-time high"),
    ],
)
def test_a_record_is_a_superlative(text: str, value: str, fact_text: str) -> None:
    fact = only(text, "superlative")
    assert (fact.value, fact.text) == (value, fact_text)


def test_a_record_label_or_a_world_record_set_is_no_superlative_amount() -> None:
    assert [fact for fact in facts_of("The record label signed 5 bands.") if fact.type == "superlative"] == []


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("It expects earnings of $4.10 to $4.25 per share.", "USD per share"),
        ("Fees rose from £10 to £12 a month.", "GBP per month"),
    ],
)
def test_both_ends_of_a_range_of_amounts_take_its_period(text: str, unit: str) -> None:
    assert [fact.unit for fact in facts_of(text) if fact.type == "money"] == [unit, unit]


def test_a_record_needs_no_number_in_the_sentence() -> None:
    assert only("A record number of people voted.", "superlative").value == "record"


def test_the_verb_after_a_magnitude_is_not_part_of_its_subject() -> None:
    assert only("A magnitude 6.4 earthquake struck southern Peru.", "quantity").subject == "earthquake"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Revenue was $65.4 billion.", 65_400_000_000.0),
        ("Revenue was $4.1 billion.", 4_100_000_000.0),
        ("Petrol fell by 0.7p a litre.", 0.007),
        ("A stamp costs 2.8 pence more.", 0.028),
    ],
)
def test_scaled_amounts_read_as_written_not_as_binary_floating_point(text: str, value: float) -> None:
    # 4.1 * 1e9 is 4099999999.9999995: the stored value must equal what the article wrote, exactly.
    assert only(text, "money").value == value


def test_every_tenth_of_a_billion_reads_exactly() -> None:
    for tenths in range(1, 1000):
        written = f"{tenths / 10:g}"
        assert only(f"It raised ${written} billion.", "money").value == float(written + "e9"), written


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Rovers ended a 14-match winless run.", 14.0, "match"),
        ("The 27-member bloc agreed.", 27.0, "member"),
        ("She wrote a forty-page report.", 40.0, "page"),
        ("They are on their way to a 600-ship navy.", 600.0, "ship"),
    ],
)
def test_a_count_written_onto_its_noun_is_a_count(text: str, value: float, unit: str) -> None:
    fact = only(text, "count")
    assert (fact.value, fact.unit) == (value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "Thirty-five people came.",  # a written number: its count is of people, as a whole
        "A 2,000-strong crowd gathered.",
        "It was a one-off payment.",
        "They adopted zero-based budgeting.",
        "A two-way race began.",
    ],
)
def test_hyphenated_words_that_are_not_counts_of_their_noun(text: str) -> None:
    counted = [fact.unit for fact in facts_of(text) if fact.type == "count"]
    assert counted in ([], ["person"])


@pytest.mark.parametrize(
    ("text", "fact_type", "value", "unit"),
    [
        ("It proposed a 25-percent cut in taxes.", "percent", 25.0, "%"),
        ("It proposed a 10-per-cent rise in fees.", "percent", 10.0, "%"),
        ("He put a 50-cent gas tax on drivers.", "money", 0.5, "USD"),
        ("She paid with a 20-dollar bill.", "money", 20.0, "USD"),
        ("They signed a $10-billion deal.", "money", 10_000_000_000.0, "USD"),
    ],
)
def test_amounts_joined_to_their_unit_by_a_hyphen(text: str, fact_type: str, value: float, unit: str) -> None:
    fact = only(text, fact_type)
    assert (fact.value, fact.unit) == (value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "Covid-19 cases rose sharply.",
        "Leaders met at the G-20 summit.",
        "The U-2 flights were proper.",
        "They carried AK-47s.",
    ],
)
def test_a_number_written_onto_a_name_is_part_of_the_name(text: str) -> None:
    assert facts_of(text) == []


def test_a_decade_written_onto_a_lowercase_word_is_still_read() -> None:
    assert [fact.value for fact in facts_of("Prices fell in mid-2023.") if fact.type == "date"] == ["2023"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The manager said the club would strengthen in January.", "2023-01"),
        ("He said the plant would have opened in February.", "2022-02"),
    ],
)
def test_would_looks_ahead_of_the_report_and_would_have_looks_back(text: str, value: str) -> None:
    assert only(text, "date").value == value


def test_an_age_in_months_says_so() -> None:
    ages = [
        (fact.value, fact.unit)
        for fact in facts_of("It enrolled children aged five to 17 months.")
        if fact.type == "age"
    ]
    assert ages == [(5.0, "month"), (17.0, "month")]


@pytest.mark.parametrize(
    ("text", "fact_type", "value", "unit"),
    [
        ("The display peaks at 3,000 nits, up from 2,400 on the old model.", "quantity", 2400.0, "nit"),
        ("The scheme protects 2,300 homes, up from 1,850 in the first plan.", "count", 1850.0, "home"),
        ("Turnout fell to 61%, down from 67.", "percent", 67.0, "%"),
    ],
)
def test_the_earlier_figure_of_a_change_takes_the_unit_of_the_later(text, fact_type, value, unit) -> None:
    earlier = facts_of(text)[-1]
    assert (earlier.type, earlier.value, earlier.unit) == (fact_type, value, unit)


def test_a_bare_number_with_no_amount_before_it_stays_a_number() -> None:
    assert [fact.type for fact in facts_of("It fell to 12 in 2021, down from 15.")] == ["number", "date", "number"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The deal will close in the second half of 2027.", "2027-H2"),
        ("Sales rose in the first half of this year.", "2022-H1"),
        ("Sales fell in the second half of last year.", "2021-H2"),
    ],
)
def test_a_half_year_is_a_date(text: str, value: str) -> None:
    fact = only(text, "date")
    assert (fact.value, fact.unit) == (value, "half")


def test_a_half_of_a_match_or_of_a_fiscal_year_is_no_half_year() -> None:
    assert facts_of("He scored in the second half of the match.") == []
    assert [fact.value for fact in facts_of("It will ship in the second half of fiscal 2027.")] == ["2027"]


@pytest.mark.parametrize(
    ("text", "value", "subject"),
    [
        ("He beat the world No. 2 in Paris.", 2, "world ranking"),
        ("She is world number two.", 2, "world ranking"),
        ("The No. 2 pet retailer was sold.", 2, "pet retailer"),
        ("It is No. 3 in the rankings.", 3, "ranking"),
    ],
)
def test_a_numbered_rank(text: str, value: int, subject: str) -> None:
    fact = only(text, "rank")
    assert (fact.value, fact.subject) == (value, subject)


def test_a_numbered_address_is_no_rank() -> None:
    assert facts_of("He lives at No. 10 Downing Street.") == []


def test_a_margin_is_not_a_count() -> None:
    assert facts_of("The party finished seven short of a majority.") == []


def test_a_fact_as_a_dict_holds_every_field() -> None:
    import dataclasses

    fact = only("For over 100 years, Acme Optics has made lenses.", "duration")
    assert fact.to_dict() == dataclasses.asdict(fact)


@pytest.mark.parametrize(
    ("text", "value", "unit", "fact_text"),
    [
        ("He won, running 2:00:35 in Valencia.", 7235.0, "second", "2:00:35"),
        ("She averaged 2:51 per kilometre.", 171.0, "second per km", "2:51 per kilometre"),
        ("It beat the mark by 34 seconds.", 34.0, "second", "34 seconds"),
    ],
)
def test_times_taken_are_durations_in_seconds(text: str, value: float, unit: str, fact_text: str) -> None:
    fact = only(text, "duration")
    assert (fact.value, fact.unit, fact.text) == (value, unit, fact_text)


def test_a_clock_time_with_seconds_is_no_duration() -> None:
    assert facts_of("The blast happened at 10:32:15 GMT.") == []


@pytest.mark.parametrize(
    ("text", "value", "subject", "qualifier"),
    [
        ("Fraud against people over 65 rose sharply.", 65.0, "people", "over"),
        ("It is free for children under five.", 5.0, "children", "under"),
        ("He targeted customers aged over 80.", 80.0, "customers", "over"),
        ("Adults over the age of 50 can apply.", 50.0, "adults", "over"),
    ],
)
def test_people_of_an_age_by_a_bound(text: str, value: float, subject: str, qualifier: str) -> None:
    fact = only(text, "age")
    assert (fact.value, fact.unit, fact.subject, fact.qualifier) == (value, "year", subject, qualifier)


@pytest.mark.parametrize("text", ["It reached people over 10 million.", "Workers over 40 hours a week are paid more."])
def test_amounts_after_people_over_are_no_ages(text: str) -> None:
    assert [fact for fact in facts_of(text) if fact.type == "age"] == []


def test_a_second_home_is_no_rank_but_a_second_term_is() -> None:
    assert facts_of("He bought a second home in Spain.") == []
    assert only("They won a second term.", "rank").value == 2


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Rents rose 9.2% in the year to October.", ["2021-10"]),
        ("It closed 120 stores in Jan. and Feb.", ["2022-01", "2022-02"]),
        ("Sales fell from March through April.", ["2022-03", "2022-04"]),
    ],
)
def test_the_second_month_of_a_pair_and_the_end_of_a_period_are_dates(text: str, values: list[str]) -> None:
    assert [fact.value for fact in facts_of(text) if fact.type == "date"] == values


@pytest.mark.parametrize("text", ["Joe and Jan O'Neill hosted it.", "He and May met in Leeds.", "They went to March."])
def test_a_name_after_and_or_to_is_no_month(text: str) -> None:
    assert [fact for fact in facts_of(text) if fact.type == "date"] == []


@pytest.mark.parametrize(
    ("text", "values", "unit"),
    [
        ("It expects revenue of $20-25 billion.", [20e9, 25e9], "USD"),
        ("The budget has a £3-4bn hole.", [3e9, 4e9], "GBP"),
        ("It will cost $4 to 5 billion.", [4e9, 5e9], "USD"),
        ("A plan costs $20-25 a month.", [20.0, 25.0], "USD per month"),
    ],
)
def test_a_range_of_amounts_written_with_one_symbol_and_one_scale(text: str, values: list[float], unit: str) -> None:
    money = [fact for fact in facts_of(text) if fact.type == "money"]
    assert [(fact.value, fact.unit) for fact in money] == [(value, unit) for value in values]


def test_a_year_after_an_amount_is_no_upper_end() -> None:
    assert [fact.type for fact in facts_of("Spending fell from $5 to 2020 levels.")] == ["money", "date"]


@pytest.mark.parametrize("text", ["It has a 1-inch type main sensor.", "It uses a one-inch sensor."])
def test_a_one_inch_sensor_is_a_sensor_format(text: str) -> None:
    fact = only(text, "sensor_format")
    assert (fact.value, fact.unit) == ("1", "inch")


def test_a_one_inch_screen_protector_is_a_length() -> None:
    assert only("It comes with a 1-inch screen protector.", "quantity").unit == "inch"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("She won two Baftas and an Oscar.", 2.0, "bafta"),
        ("Fifty Republicans voted against it.", 50.0, "republican"),
        ("About 23 million Americans have no insurance.", 23_000_000.0, "american"),
    ],
)
def test_people_and_things_named_in_the_plural_are_counted(text: str, value: float, unit: str) -> None:
    fact = only(text, "count")
    assert (fact.value, fact.unit) == (value, unit)


@pytest.mark.parametrize(
    "text", ["It launched its flagship 12 Series in March.", "He was on 60 Minutes.", "the Xiaomi 12 Pros"]
)
def test_a_title_or_a_model_in_the_plural_is_not_counted(text: str) -> None:
    assert [fact for fact in facts_of(text) if fact.type == "count"] == []


def test_a_decision_looks_ahead_whatever_the_tense_of_its_verb() -> None:
    published = date(2026, 11, 30)
    assert only("Cabin crew voted to strike from 7 December.", "date", published).value == "2026-12-07"
    assert only("The board agreed to close the plant in March.", "date", published).value == "2027-03"
    assert only("The strike began on 7 December.", "date", published).value == "2025-12-07"


def test_a_day_before_a_list_of_days_is_read() -> None:
    assert only("Passengers flying on Dec. 7, 8 or 9 should check.", "date", date(2026, 11, 30)).value == "2026-12-07"


def test_share_prices_in_pence() -> None:
    money = [fact.value for fact in facts_of("Shares fell 2.4p, or 1.1%, to 215p.") if fact.type == "money"]
    assert money == [0.024, 2.15]


def test_a_year_written_onto_a_name_is_part_of_the_name() -> None:
    assert [fact.type for fact in facts_of("The planet, named Kepler-1983b, orbits a red dwarf.")] == []


def test_light_years_are_a_distance() -> None:
    fact = only("The star is 40 light-years from Earth.", "quantity")
    assert (fact.value, fact.unit) == (40.0, "light-year")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He said in a report last month that sales rose.", "2021-12"),
        ("The plant opens next month.", "2022-02"),
        ("Sales fell this month.", "2022-01"),
    ],
)
def test_last_this_and_next_month_are_months(text: str, value: str) -> None:
    fact = only(text, "date", date(2022, 1, 15))
    assert (fact.value, fact.unit) == (value, "month")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The minister said yesterday that talks had failed.", "2022-05-22"),
        ("The vote takes place tomorrow.", "2022-05-24"),
        ("Shares fell 4% today after the warning.", "2022-05-23"),
        ("Rebels attacked the base last night.", "2022-05-22"),
        ("Yesterday's vote was close.", "2022-05-22"),
    ],
)
def test_the_days_next_to_the_published_one_are_dates(text: str, value: str) -> None:
    fact = only(text, "date")
    assert (fact.value, fact.unit) == (value, "day")


@pytest.mark.parametrize(
    "text",
    [
        "Schools today face the same problem.",
        "The country is safer today than it was a decade ago.",
        "Today's economy is different.",
    ],
)
def test_today_that_means_the_present_is_no_date(text: str) -> None:
    assert [fact for fact in facts_of(text) if fact.unit == "day"] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Prior to September the 11th, the agency had 12 inspectors.", "2021-09-11"),
        ("The papers were given to him on July the 25th.", "2021-07-25"),
        ("Vote on November the 3rd.", "2022-11-03"),
    ],
)
def test_a_the_between_month_and_ordinal_day_still_makes_a_date(text: str, value: str) -> None:
    fact = only(text, "date")
    assert (fact.value, fact.unit) == (value, "day")
    assert [fact for fact in facts_of(text) if fact.type == "rank"] == []


def test_the_last_month_of_a_year_is_no_relative_month() -> None:
    assert [fact for fact in facts_of("Sales peak in the last month of the year.") if fact.unit == "month"] == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The Liberals won 41 of the 95 seats.", 41.0, "seat"),
        ("Only 1,900 of the approved homes have been started.", 1900.0, "approved home"),
        ("Five of the buses broke down.", 5.0, "bus"),
        ("Three of its new stores closed.", 3.0, "store"),
    ],
)
def test_a_part_of_a_counted_whole_is_a_count(text: str, value: float, unit: str) -> None:
    fact = facts_of(text)[0]
    assert (fact.type, fact.value, fact.unit) == ("count", value, unit)


def test_a_part_and_its_whole_are_counts_of_the_same_thing() -> None:
    for text in ("12 of the 27 member states signed.", "A majority in eight of the nine countries agreed."):
        counts = [fact for fact in facts_of(text) if fact.type == "count"]
        assert len(counts) == 2 and counts[0].unit == counts[1].unit, counts


def test_one_of_the_biggest_and_two_million_of_those_are_no_parts() -> None:
    assert [fact.type for fact in facts_of("It is one of the biggest companies.")] == ["superlative"]
    assert [fact.type for fact in facts_of("Two million of those lost their jobs.")] == ["number"]


def test_the_british_press_percent_sign() -> None:
    fact = only("Like-for-like sales fell 1.8pc.", "percent")
    assert (fact.value, fact.unit, fact.text) == (1.8, "%", "1.8pc")
    assert [fact for fact in facts_of("They bought 10 pc for the school.") if fact.type == "percent"] == []


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("More ballots were cast, a third more than in 2022.", 33.33, "more"),
        ("Prices are around a quarter higher than they were.", 25.0, "around"),
    ],
)
def test_a_fraction_more_or_higher_is_a_change_in_percent(text: str, value: float, qualifier: str) -> None:
    fact = only(text, "percent")
    assert (fact.value, fact.qualifier) == (value, qualifier)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The project cost NOK 32 billion.", 32e9, "NOK"),
        ("It raised CHF 1.2bn from investors.", 1.2e9, "CHF"),
        ("It sold a EUR 500m bond.", 5e8, "EUR"),
    ],
)
def test_an_amount_after_its_currency_code(text: str, value: float, unit: str) -> None:
    fact = only(text, "money")
    assert (fact.value, fact.unit) == (value, unit)


def test_a_verb_before_an_amount_is_not_its_subject() -> None:
    assert only("The display peaks at 3,000 nits.", "quantity").subject is None


@pytest.mark.parametrize(
    "text", ["The rules barred most care workers from it.", "It rained most of the time.", "In most cases it works."]
)
def test_most_as_a_share_of_a_group_is_no_superlative(text: str) -> None:
    assert [fact for fact in facts_of(text) if fact.type == "superlative"] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("She won the most votes.", "most votes"), ("It is one of the most visited sites.", "most visited")],
)
def test_the_most_and_most_before_an_adjective_are_superlatives(text: str, value: str) -> None:
    assert only(text, "superlative").value == value


def test_two_words_that_share_the_counted_noun() -> None:
    fact = only("Hackers stole the data of 6.2 million current and former customers.", "count")
    assert (fact.value, fact.unit) == (6_200_000.0, "customer")
    assert [fact.unit for fact in facts_of("They keep 3 dogs and two cats.")] == ["dog", "cat"]


def test_goals_in_games_are_no_share_but_one_in_36_and_94_out_of_95_are() -> None:
    assert [fact.type for fact in facts_of("He has 128 in 150 league appearances.")] == ["number", "count"]
    assert only("One in 36 children is affected.", "percent").value == 2.778
    assert only("Ninety-four out of ninety-five senators agreed.", "percent").value == 98.95


def test_a_draw_is_a_score() -> None:
    assert only("Arsenal were held 1-1 at Everton.", "score").value == "1-1"


def test_minutes_and_seconds_are_one_span() -> None:
    fact = only("Response times averaged 41 minutes and 12 seconds.", "duration")
    assert (fact.value, fact.unit) == (2472.0, "second")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Each cut was a quarter of a percentage point.", 0.25, "pp"),
        ("Rates rose by half a percentage point.", 0.5, "pp"),
        ("The bank made a quarter-point cut to its rate.", 0.25, "pp"),
        ("The party's half-point lead held.", 0.5, "point"),
    ],
)
def test_a_share_of_a_point_is_a_move_in_points(text: str, value: float, unit: str) -> None:
    fact = only(text, "quantity")
    assert (fact.value, fact.unit) == (value, unit)
    assert [fact for fact in facts_of(text) if fact.type == "percent"] == []


def test_a_quarter_of_the_points_is_still_a_share() -> None:
    assert only("She scored a quarter of the points.", "percent").value == 25.0


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The camera records 4K at 60 frames per second.", 60.0, "fps"),
        ("It films 240fps slow motion.", 240.0, "fps"),
        ("The gust reached 30 metres per second.", 30.0, "m per second"),
    ],
)
def test_per_second_is_a_unit_and_no_rank(text: str, value: float, unit: str) -> None:
    fact = only(text, "quantity")
    assert (fact.value, fact.unit) == (value, unit)
    assert [fact for fact in facts_of(text) if fact.type == "rank"] == []


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Electricity will cost 27.5p per kilowatt hour.", "GBP per kWh"),
        ("Gas will cost 6.9p per kWh.", "GBP per kWh"),
        ("Diesel sold at $3.80 a gallon.", "USD per gallon"),
        ("The cap rises to £1,850 a year from April.", "GBP per year"),
    ],
)
def test_a_price_per_unit_keeps_its_unit(text: str, unit: str) -> None:
    assert only(text, "money").unit == unit


def test_a_year_from_now_is_no_price_per_year() -> None:
    assert only("The fee will be £90 a year from now.", "money").unit == "GBP"


def test_since_a_month_looks_back() -> None:
    fact = only("The bank has held its rate at 2% since June.", "date", published=date(2026, 1, 29))
    assert fact.value == "2025-06"
    fact = only("The bridge has been shut since 4 March.", "date", published=date(2026, 1, 29))
    assert fact.value == "2025-03-04"


def test_times_since_a_date_counts_occasions_unless_something_grew() -> None:
    found = facts_of("The bank has cut rates four times since August last year.")
    assert [(fact.type, fact.value) for fact in found if fact.type in ("count", "multiple")] == [("count", 4.0)]
    grown = facts_of("Prices have risen five times since 1990.")
    assert [(fact.type, fact.value) for fact in grown if fact.type in ("count", "multiple")] == [("multiple", 5.0)]
    assert only("It could destroy the city forty times over.", "multiple").value == 40.0


@pytest.mark.parametrize(
    ("text", "value"),
    [("She was among the greatest surgeons of the 20th century.", "19"), ("Jobs of the 21st century.", "20")],
)
def test_a_numbered_century_is_a_date(text: str, value: str) -> None:
    fact = only(text, "date")
    assert (fact.value, fact.unit) == (value, "century")
    assert [fact for fact in facts_of(text) if fact.type == "rank"] == []


def test_a_century_counted_from_something_else_is_no_date() -> None:
    found = facts_of("In the second century of our history, the nation grew.")
    assert [fact for fact in found if fact.unit == "century"] == []


def test_the_second_half_of_a_match_is_no_rank() -> None:
    assert [fact for fact in facts_of("They scored twice in the second half.") if fact.type == "rank"] == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The club finished ninth two years ago.", "2020", "year"),
        ("I began campaigning twenty-two months ago.", "2020-07", "month"),
        ("The report came out 10 days ago.", "2022-05-13", "day"),
        ("The law passed three weeks ago.", "2022-05-02", "day"),
    ],
)
def test_a_time_ago_is_a_date_counted_back_from_the_published_one(text: str, value: str, unit: str) -> None:
    fact = only(text, "date")
    assert (fact.value, fact.unit) == (value, unit)
    assert [fact for fact in facts_of(text) if fact.type == "duration"] == []


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("The firm is investing £3.8bn over five years.", None),
        ("The sum will be spent over 12 years.", None),
        ("He has lived there for over 20 years.", "over"),
        ("It was their first title in over a decade.", "over"),
        ("The trial took over three years.", "over"),
    ],
)
def test_over_before_a_span_means_more_than_only_after_a_word_of_duration(text: str, qualifier) -> None:
    assert only(text, "duration").qualifier == qualifier


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The economy barely grew in the final three months of last year.", "2021-Q4"),
        ("Sales rose in the first three months of 2024.", "2024-Q1"),
        ("Output fell in the last three months of the year.", "2021-Q4"),
        ("Output will rise in the final three months of the year.", "2022-Q4"),
    ],
)
def test_a_quarter_named_by_its_months_is_a_quarter(text: str, value: str) -> None:
    fact = only(text, "date")
    assert (fact.value, fact.unit) == (value, "quarter")
    assert [fact for fact in facts_of(text) if fact.type == "duration"] == []


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("Traders expect two more cuts by the end of the year.", PUBLISHED, "2022-12"),
        ("The plant will close at the end of next year.", PUBLISHED, "2023-12"),
        ("Inflation should ease by year-end.", PUBLISHED, "2022-12"),
        ("Sales rose at the end of the year.", date(2026, 1, 29), "2025-12"),
    ],
)
def test_the_end_of_a_year_is_its_december(text: str, published: date, value: str) -> None:
    assert only(text, "date", published=published).value == value


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("The app will be free for a year.", 1.0, "year"), ("The bridge shut for a fortnight.", 14.0, "day")],
)
def test_for_a_year_is_a_span_of_one(text: str, value: float, unit: str) -> None:
    fact = only(text, "duration")
    assert (fact.value, fact.unit) == (value, unit)


@pytest.mark.parametrize("text", ["He asked for a day off.", "They waited for a year or two."])
def test_for_a_day_off_or_a_year_or_two_is_no_span_of_one(text: str) -> None:
    assert [fact for fact in facts_of(text) if fact.type == "duration"] == []


def test_at_least_before_times_is_a_multiple_only_before_a_comparison() -> None:
    assert only("Heat made it at least 10 times more likely.", "multiple").qualifier == "at least"
    assert [fact.type for fact in facts_of("He used the word at least ten times.")] == ["count"]


def test_hedges_stay_on_pence_and_on_counts_of_named_things() -> None:
    assert only("Farmers are paid about 40p a litre.", "money").qualifier == "about"
    assert only("The fund owns about 2.1 million Acme shares.", "count").qualifier == "about"


def test_a_count_compound_before_a_name_is_a_count() -> None:
    counts = [fact for fact in facts_of("Democrats need four seats in the 100-member Senate.") if fact.type == "count"]
    assert [(fact.value, fact.unit) for fact in counts] == [(4.0, "seat"), (100.0, "member")]


@pytest.mark.parametrize(
    ("text", "value"), [("The ruling is the second in 12 months.", 2), ("The storm, the third this winter, hit.", 3)]
)
def test_a_place_in_a_run_of_events_is_a_rank(text: str, value: int) -> None:
    assert only(text, "rank").value == value


@pytest.mark.parametrize(
    ("text", "values", "unit"),
    [
        ("Floods now come every three or four years.", [3.0, 4.0], "year"),
        ("The islands are five or six miles off.", [5.0, 6.0], "mile"),
    ],
)
def test_both_ends_of_an_or_range_share_the_unit(text: str, values: list[float], unit: str) -> None:
    found = [fact for fact in facts_of(text) if fact.unit == unit]
    assert [fact.value for fact in found] == values


def test_a_difference_of_counts_takes_the_counted_unit_but_money_keeps_its_number() -> None:
    found = facts_of("The firm employed 61,400 people, about 3,200 fewer than a year earlier.")
    assert [(fact.value, fact.unit, fact.qualifier) for fact in found if fact.type == "count"] == [
        (61400.0, "person", None),
        (3200.0, "person", "about"),
    ]
    assert only("Sales were $4bn, 300 more than expected.", "number").value == 300.0


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Adults should do 150 minutes of moderate exercise a week.", 150.0, "minute per week"),
        ("Nurses worked 60 hours a week.", 60.0, "hour per week"),
        ("Children need nine hours of sleep a night.", 9.0, "hour per night"),
        ("The strike lasted three days.", 3.0, "day"),
    ],
)
def test_time_per_period_says_how_often(text: str, value: float, unit: str) -> None:
    fact = only(text, "duration")
    assert (fact.value, fact.unit) == (value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "The agency said today that 300 were hurt, and more than 3,500 were moved.",
        "Figures published today by the statistics office show a fall.",
        "Officials declared a state of emergency today.",
    ],
)
def test_today_after_a_past_verb_is_the_published_day_whatever_else_the_sentence_compares(text: str) -> None:
    assert only(text, "date").value == "2022-05-23"


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("The university rose one place to second, pushing its rival down to third.", [2, 3]),
        ("One climbed to fourth and another slipped two places to fifth.", [4, 5]),
        ("The school, which was second last year, fell to sixth.", [2, 6]),
        ("The institute is eighth.", [8]),
    ],
)
def test_a_move_in_a_table_or_a_placing_with_is_is_a_rank(text: str, values: list[int]) -> None:
    assert [fact.value for fact in facts_of(text) if fact.type == "rank"] == values


def test_second_to_none_and_second_nature_are_no_ranks() -> None:
    for text in ("The service was second to none.", "For her it is second nature."):
        assert [fact for fact in facts_of(text) if fact.type == "rank"] == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("They took out a A$600,000 loan.", 600_000.0, "AUD"),
        ("Damage could exceed C$1bn.", 1e9, "CAD"),
        ("The tower sold for HK$2.4bn.", 2.4e9, "HKD"),
        ("The fund is worth $2.1tn.", 2.1e12, "USD"),
        ("The state has a ₹4.09 lakh crore budget.", 4.09e12, "INR"),
        ("It will invest 42 billion Danish kroner.", 42e9, "DKK"),
        ("The families were promised 50 million rupiah.", 5e7, "IDR"),
        ("Canberra pledged 5 million Australian dollars.", 5e6, "AUD"),
    ],
)
def test_the_dollars_and_crowns_of_other_countries_and_large_scales(text: str, value: float, unit: str) -> None:
    fact = only(text, "money")
    assert (fact.value, fact.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("About 1.2 crore women will get the grant.", 1.2e7, "woman"), ("It will build 2 lakh houses.", 2e5, "house")],
)
def test_lakh_and_crore_scale_counts_too(text: str, value: float, unit: str) -> None:
    fact = only(text, "count")
    assert (fact.value, fact.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [("The fee will be no more than £105m.", "at most"), ("No fewer than 300 people came.", "at least")],
)
def test_a_bound_said_backwards_is_the_opposite_bound(text: str, qualifier: str) -> None:
    fact = next(fact for fact in facts_of(text) if fact.type in ("money", "count"))
    assert fact.qualifier == qualifier


@pytest.mark.parametrize(
    "text",
    [
        "Pilots are demanding 14% over two years.",
        "Times improved over the past decade.",
        "The firm will spend £3.8bn over five years.",
    ],
)
def test_over_a_period_after_a_figure_or_verb_is_across_it(text: str) -> None:
    assert only(text, "duration").qualifier is None


@pytest.mark.parametrize(
    "text",
    [
        'The thriller "Seven Doors" drew viewers.',
        "A separate phase 2 study began.",
        "The 16th Finance Commission ruled.",
        "Voters rejected Article 50 talks.",
    ],
)
def test_titles_labels_and_names_with_numbers_hold_no_figures(text: str) -> None:
    assert facts_of(text) == []


def test_the_top_n_is_neither_a_rank_nor_a_number() -> None:
    found = facts_of("It has 38 universities in the top 200, three in the top 10.")
    assert [(fact.type, fact.value) for fact in found] == [("count", 38.0)]


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("The unemployment rate stood at 4.0% in December.", date(2025, 2, 19), "2024-12"),
        ("A tenth of offences led to a charge in the year to June.", date(2026, 1, 22), "2025-06"),
        ("The referendum is to be held in November.", date(2022, 5, 23), "2022-11"),
    ],
)
def test_more_past_verbs_and_is_to_be_give_a_month_its_year(text: str, published: date, value: str) -> None:
    assert only(text, "date", published=published).value == value


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("It was a 25-basis-point increase.", 25.0, "bp"),
        ("Pollution reached 180 micrograms per cubic metre.", 180.0, "µg/m³"),
    ],
)
def test_basis_points_written_onto_their_number_and_air_quality_units(text: str, value: float, unit: str) -> None:
    fact = only(text, "quantity")
    assert (fact.value, fact.unit) == (value, unit)


def test_a_price_per_violation_and_an_earlier_price_from_keep_the_per_unit() -> None:
    assert only("Fines reach $26,315 per violation.", "money").unit == "USD per violation"
    found = facts_of("Brent fell to $60 a barrel, from $68.")
    assert [(fact.value, fact.unit) for fact in found] == [(60.0, "USD per barrel"), (68.0, "USD per barrel")]
    found = facts_of("Revenue rose to $5bn from $4bn.")
    assert [fact.unit for fact in found] == ["USD", "USD"]


@pytest.mark.parametrize(
    ("text", "value"),
    [("The window, which closes on Monday, is busy.", "2025-09-01"), ("The trial begins in March.", "2026-03")],
)
def test_a_timetable_in_the_present_tense_looks_ahead(text: str, value: str) -> None:
    assert only(text, "date", published=date(2025, 8, 30)).value == value


@pytest.mark.parametrize(
    ("text", "values", "unit"),
    [
        ("The change could prevent 58 to 69 deaths.", [58.0, 69.0], "death"),
        ("Between 3 and 5 million people fled.", [3e6, 5e6], "person"),
        ("We could have scored two or three goals.", [2.0, 3.0], "goal"),
    ],
)
def test_both_ends_of_a_range_of_counts(text: str, values: list[float], unit: str) -> None:
    counts = [fact for fact in facts_of(text) if fact.type == "count"]
    assert [(fact.value, fact.unit) for fact in counts] == [(value, unit) for value in values]


@pytest.mark.parametrize(
    ("text", "fact_type", "value", "unit"),
    [
        ("They had thirty-five people on the list.", "count", 35.0, "person"),
        ("He has served for twenty-five years.", "duration", 25.0, "year"),
    ],
)
def test_a_hyphenated_number_in_words_is_one_number_not_a_range(text, fact_type, value, unit) -> None:
    fact = only(text, fact_type)
    assert (fact.value, fact.unit) == (value, unit)


def test_a_range_whose_upper_end_an_earlier_reader_holds_is_left_to_it() -> None:
    assert [(fact.type, fact.value) for fact in facts_of("He cut it by eight or nine billion dollars.")] == [
        ("money", 9e9)
    ]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The service added 9.3 million paid subscribers.", "paid subscriber"),
        ("It recalled 340,000 of the SUVs.", "SUV"),
    ],
)
def test_a_participle_or_an_acronym_plural_is_still_what_is_counted(text: str, unit: str) -> None:
    assert only(text, "count").unit == unit


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The telescope launched on Christmas Day 2021.", "2021-12-25"),
        ("Shops will close on Boxing Day.", "2022-12-26"),
        ("Sales peaked on Valentine’s Day.", "2022-02-14"),
    ],
)
def test_a_named_day_is_a_date(text: str, value: str) -> None:
    fact = only(text, "date")
    assert (fact.value, fact.unit) == (value, "day")


def test_a_figure_the_analysts_expected_is_no_count_of_analysts() -> None:
    found = facts_of("Subscribers rose far more than the 6.1 million analysts had expected.")
    assert [fact.type for fact in found if fact.type in ("count", "number")] == ["number"]


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("Inflation fell to 3.2% in the December quarter.", date(2025, 2, 19), "2024-Q4"),
        ("Loans rose in the June quarter 2024.", date(2025, 2, 19), "2024-Q2"),
    ],
)
def test_a_quarter_named_by_its_last_month(text: str, published: date, value: str) -> None:
    fact = only(text, "date", published=published)
    assert (fact.value, fact.unit) == (value, "quarter")


def test_the_past_year_is_a_span_and_the_previous_year_is_not() -> None:
    fact = only("Over the past year, prices have jumped by 18%.", "duration")
    assert (fact.value, fact.unit) == (1.0, "year")
    assert [fact for fact in facts_of("Sales were higher the previous year.") if fact.type == "duration"] == []


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [("China aims to land before 2030.", "before"), ("Net zero by 2050.", "by"), ("In 2019 it grew.", None)],
)
def test_a_bound_on_a_year_is_its_qualifier(text: str, qualifier) -> None:
    assert only(text, "date").qualifier == qualifier


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("He was suspended in October 2023 and arrested the following month.", ["2023-10", "2023-11"]),
        ("In 2019 sales rose and the following year they fell.", ["2019", "2020"]),
        ("The game is on 25 July and the rematch the following day.", ["2022-07-25", "2022-07-26"]),
    ],
)
def test_the_following_unit_counts_from_the_date_before_it(text: str, values: list[str]) -> None:
    assert [fact.value for fact in facts_of(text) if fact.type == "date"] == values


def test_the_next_day_with_no_date_before_it_is_no_date() -> None:
    assert facts_of("The next day he resigned.") == []


@pytest.mark.parametrize(
    ("text", "fact_type", "value", "unit"),
    [
        ("The post was viewed more than 1.2 million times.", "count", 1.2e6, "time"),
        ("Rovers lost four of their last five league games.", "count", 4.0, "league game"),
        ("Shipped 2,840 robots in the quarter.", "count", 2840.0, "robot"),
        ("The phone has a 6.1in screen.", "quantity", 6.1, "inch"),
        ("It built a 300,000-square-foot plant.", "quantity", 300_000.0, "sq ft"),
        ("Earnings were $0.61 per diluted share.", "money", 0.61, "USD per share"),
    ],
)
def test_formats_of_press_releases_and_reviews(text: str, fact_type: str, value: float, unit: str) -> None:
    fact = next(fact for fact in facts_of(text) if fact.type == fact_type)
    assert (fact.value, fact.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    "text", ["Published under the third-party fact-checking programme.", "He bought a second-hand car."]
)
def test_kinds_of_thing_named_by_an_ordinal_are_no_ranks(text: str) -> None:
    assert [fact for fact in facts_of(text) if fact.type == "rank"] == []


def test_this_afternoon_is_the_published_day() -> None:
    fact = only("The river reached 5.9 metres this afternoon.", "date")
    assert (fact.value, fact.unit) == ("2022-05-23", "day")


def test_a_benchmark_of_a_bare_number_is_in_the_unit_of_the_measured_figure() -> None:
    found = facts_of("Levels averaged 46 micrograms per cubic metre, above the legal limit of 40.")
    assert [(fact.value, fact.unit) for fact in found] == [(46.0, "µg/m³"), (40.0, "µg/m³")]
    found = facts_of("The rate rose to 11.1 offences per 10,000 people, against a national average of 9.2.")
    assert [(fact.type, fact.value) for fact in found] == [("rate", 11.1), ("rate", 9.2)]


@pytest.mark.parametrize(
    "text", ["Okafor restored the lead on 58 minutes.", "Mensah headed the winner in the 88th minute."]
)
def test_a_match_clock_is_neither_a_span_nor_a_rank(text: str) -> None:
    assert facts_of(text) == []
    assert only("The talk lasted 58 minutes.", "duration").value == 58.0


@pytest.mark.parametrize(
    "text", ["The bank cut by 25 basis points to 4.10%.", "Guidance rose from $1.6 billion to $1.7 billion."]
)
def test_the_amount_before_a_figure_is_not_its_subject(text: str) -> None:
    assert all(fact.subject not in ("points", "billion") for fact in facts_of(text))


def test_aged_between_gives_both_ages() -> None:
    found = facts_of("A quarter of suspects were aged between 10 and 17.")
    assert [(fact.value, fact.unit) for fact in found if fact.type == "age"] == [(10.0, "year"), (17.0, "year")]
    assert only("People aged 65 and over were asked.", "age").qualifier == "and over"


@pytest.mark.parametrize(
    "text",
    [
        "More Americans are working in America today.",
        "Those who are vaccinated today are protected.",
        "Twenty-six days from today you will choose.",
    ],
)
def test_today_in_the_present_or_as_a_start_is_no_date(text: str) -> None:
    assert [fact for fact in facts_of(text) if fact.type == "date"] == []


def test_an_earlier_amount_from_takes_the_per_unit_only_when_the_amounts_before_it_share_one() -> None:
    found = facts_of("Net income rose to $1.96 billion, or $2.31 per share, from $1.4 billion.")
    assert [fact.unit for fact in found] == ["USD", "USD per share", "USD"]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("It opened eighty-four new mental health treatment centers.", "mental health treatment center"),
        ("It will open 14 new community mental health hubs.", "community mental health hub"),
    ],
)
def test_a_count_reaches_a_plural_five_words_on(text: str, unit: str) -> None:
    assert only(text, "count").unit == unit


def test_a_weekday_after_a_time_of_day_keeps_its_relation() -> None:
    fact = only("A red flag warning is in force until 8pm Tuesday.", "date", published=date(2024, 7, 24))
    assert fact.value == "2024-07-30"


def test_a_share_price_in_pence_that_looks_like_a_video_resolution() -> None:
    assert only("Analysts set a target price of 720p.", "money").value == pytest.approx(7.2)
    assert [fact.type for fact in facts_of("It was filmed in 720p.")] == ["number"]


def test_a_hyphenated_share_and_its_precision() -> None:
    assert only("It carries a one-in-8,000 increase in risk.", "percent").value == 0.0125


@pytest.mark.parametrize(
    "text", ["The innings was built around a century from Travis Head.", "He made a century for England."]
)
def test_a_century_scored_by_someone_is_no_span(text: str) -> None:
    assert [fact for fact in facts_of(text) if fact.type == "duration"] == []


@pytest.mark.parametrize(
    ("text", "fact_type", "value", "unit", "qualifier"),
    [
        ("The limit is 96 nanograms a day.", "quantity", 96.0, "ng per day", None),
        ("They were out of work for 27 weeks or more.", "duration", 27.0, "week", "at least"),
        ("It paid double last year's payout.", "multiple", 2.0, "x", None),
        ("It was his 14th Test century.", "rank", 14, None, None),
    ],
)
def test_units_bounds_multiples_and_ranks_from_a_fresh_review(text, fact_type, value, unit, qualifier) -> None:
    fact = only(text, fact_type)
    assert (fact.value, fact.unit, fact.qualifier) == (value, unit, qualifier)


def test_both_ends_of_a_salary_band_are_per_year_and_a_part_of_the_citys_whole_counts_it() -> None:
    found = facts_of("Salaries are between £44,000 and £58,000 a year.")
    assert [fact.unit for fact in found] == ["GBP per year", "GBP per year"]
    found = facts_of("Three of the city's 11 public libraries will close.")
    assert [(fact.value, fact.unit) for fact in found] == [(3.0, "public library"), (11.0, "public library")]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Tablets made between March 2022 and February this year are recalled.", ["2022-03", "2022-02"]),
        ("Figures for August and September were revised.", ["2021-08", "2021-09"]),
    ],
)
def test_both_months_of_a_pair_are_dates(text: str, values: list[str]) -> None:
    assert [fact.value for fact in facts_of(text) if fact.type == "date"] == values


def test_levelling_a_series_is_a_score() -> None:
    assert only("England won on Sunday, levelling the series 2-2.", "score").value == "2-2"
