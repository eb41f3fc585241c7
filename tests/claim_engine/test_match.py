"""claim_engine.match without Django: keys, compatibility, agreement and contradiction, grouping plans."""

from datetime import date

from claim_engine import match
from claim_engine.facts import extract_facts

PUBLISHED = date(2022, 5, 23)


def facts_of(sentence: str, published: date | None = PUBLISHED, article: str = "") -> list[match.MatchFact]:
    """The match facts of one sentence, read by the engine's fact extractor (check-worthiness is not at stake)."""
    context = match.article_context(f"{article}\n\n{sentence}", published=published)
    facts = extract_facts(sentence, published=published)
    return match.match_facts(sentence, facts, context=context, claim_start=0)


def only(facts: list[match.MatchFact], fact_type: str) -> match.MatchFact:
    found = [fact for fact in facts if fact.fact_type == fact_type]
    assert len(found) == 1, facts
    return found[0]


def test_partnership_duration_is_keyed_by_its_partner_whatever_the_wording():
    five = only(facts_of("Lecia’s previous five-year partnership with Huawei ended last year."), "duration")
    four = only(facts_of("Leica was earlier in partnership with Huawei for the last four years."), "duration")
    assert "duration|time|partnership|huawei" in five.blocks and "duration|time|partnership|huawei" in four.blocks
    assert match.compatible(five, four)
    result = match.compare(five, four)
    assert not result.agree


def test_partnerships_with_different_partners_are_not_the_same_fact():
    kestrel = only(facts_of("Kestrel signed a six-year partnership with Norrland Optics on Tuesday."), "duration")
    vantor = only(facts_of("Its previous deal with the tablet maker Vantor lasted three years."), "duration")
    assert not match.compatible(kestrel, vantor)


def test_rank_among_makers_matches_manufacturer_and_maker():
    first = only(facts_of("Xiaomi, the world’s third-largest smartphone manufacturer, agreed."), "rank")
    second = only(facts_of("Today Xiaomi is the third-largest smartphone maker in the world."), "rank")
    assert first.signature == second.signature == "rank|-|largest maker"
    assert match.compatible(first, second) and match.compare(first, second).agree


def test_ranks_of_different_companies_are_not_compared():
    xiaomi = only(facts_of("Today Xiaomi is the third-largest smartphone maker in the world."), "rank")
    apple = only(facts_of("Today Apple is the second-largest smartphone maker in the world."), "rank")
    assert not match.compatible(xiaomi, apple)


def test_month_with_and_without_its_year_agree():
    dated = only(facts_of("Xiaomi said the phone will be launched in July 2022."), "date")
    undated = only(facts_of("Xiaomi said the phone will be launched in July this year.", published=None), "date")
    assert match.compatible(dated, undated)
    assert match.compare(dated, undated).agree


def test_upcoming_launch_and_past_launch_are_different_events():
    upcoming = only(facts_of("Xiaomi will launch the phone in July."), "date")
    past = only(facts_of("Xiaomi launched its 12 Series globally in March."), "date")
    assert upcoming.signature != past.signature


def test_different_launch_months_contradict():
    july = only(facts_of("Xiaomi will launch the phone in July this year."), "date")
    september = only(facts_of("Xiaomi will launch the phone in September this year."), "date")
    assert match.compatible(july, september) and not match.compare(july, september).agree


def test_megapixels_written_two_ways_agree():
    short = only(facts_of("Xiaomi fitted a 50MP main camera."), "quantity")
    long = only(facts_of("Xiaomi fitted a 50-megapixel main camera."), "quantity")
    assert match.compatible(short, long) and match.compare(short, long).agree


def test_hedged_amounts_agree_with_values_inside_the_hedge():
    over = only(facts_of("Leica Camera says its partnership with Zeiss lasted over 80 years."), "duration")
    exact = only(facts_of("Leica Camera says its partnership with Zeiss lasted 85 years."), "duration")
    assert match.compare(over, exact).agree


def test_sensor_format_given_as_a_focal_length_contradicts_a_sensor_size():
    article = "Xiaomi and Leica sign a deal. Xiaomi confirmed it."
    sensor = only(facts_of("It comes with a 1/1.1-inch sensor at 50MP.", article=article), "sensor_format")
    focal = only(facts_of("The Sony IMX800 sensor comes with a 1/1.1-inch focal length, Xiaomi says."), "sensor_format")
    assert match.compatible(sensor, focal)
    result = match.compare(sensor, focal)
    assert not result.agree and "focal length" in result.reason


def test_claim_naming_nobody_is_keyed_by_the_names_its_article_repeats():
    article = "Xiaomi and Leica sign a deal. Xiaomi confirmed it. Leica too."
    facts = facts_of("The first joint smartphone will be launched in July this year.", article=article)
    assert {"date|date|launch:future|xiaomi", "date|date|launch:future|leica"} <= set(only(facts, "date").blocks)


def test_summary_names_both_values_and_both_sources():
    five = only(facts_of("Lecia’s previous five-year partnership with Huawei ended last year."), "duration")
    four = only(facts_of("Leica was earlier in partnership with Huawei for the last four years."), "duration")
    summary = match.summarise(
        [match.Member(five, 1, "Digital Camera World, 2022-05-23"), match.Member(four, 2, "Android Police, 2022-05-23")]
    )
    assert summary.is_contradiction
    assert summary.explanation == (
        "Huawei partnership duration: 5 years (Digital Camera World, 2022-05-23) "
        "vs 4 years (Android Police, 2022-05-23)"
    )


def test_two_sentences_of_one_article_never_contradict_each_other():
    five = only(facts_of("Lecia’s previous five-year partnership with Huawei ended last year."), "duration")
    four = only(facts_of("Leica was earlier in partnership with Huawei for the last four years."), "duration")
    summary = match.summarise([match.Member(five, 1, "A"), match.Member(four, 1, "A")])
    assert not summary.is_contradiction


def test_plan_groups_honours_a_broken_match_and_keeps_existing_groups():
    five = only(facts_of("Lecia’s previous five-year partnership with Huawei ended last year."), "duration")
    four = only(facts_of("Leica was earlier in partnership with Huawei for the last four years."), "duration")
    stored = [match.Candidate(claim_id=10, article_id=1, group_key=None, fact=five)]

    plans = match.plan_groups(article_id=2, claims={20: [four]}, candidates=stored)
    assert [(plan.claim_id, plan.pulled) for plan in plans] == [(20, (10,))]
    key = plans[0].group_key

    assert (
        match.plan_groups(article_id=2, claims={20: [four]}, candidates=stored, excluded=frozenset({(key, 20)})) == []
    )
    again = match.plan_groups(article_id=2, claims={20: [four]}, candidates=stored, current={20: key})
    assert again[0].group_key == key


def test_match_facts_round_trip_through_plain_dicts():
    fact = only(facts_of("Lecia’s previous five-year partnership with Huawei ended last year."), "duration")
    assert match.MatchFact.from_dict(fact.to_dict()) == fact


def test_engine_match_module_never_imports_django():
    import subprocess
    import sys

    code = "import sys, claim_engine.match; print(any(m.split('.')[0] in ('django', 'articles') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_a_quarter_agrees_with_a_month_inside_it_and_contradicts_one_outside():
    july = only(facts_of("Xiaomi will launch the phone in July this year."), "date")
    third_quarter = only(facts_of("Xiaomi will launch the phone in the third quarter."), "date")
    fourth_quarter = only(facts_of("Xiaomi will launch the phone in the fourth quarter."), "date")
    assert third_quarter.value == "2022-Q3"
    assert match.compatible(july, third_quarter) and match.compare(july, third_quarter).agree
    assert match.compatible(july, fourth_quarter) and not match.compare(july, fourth_quarter).agree


def test_a_half_year_agrees_with_a_quarter_inside_it_and_contradicts_the_other_half():
    first_half = only(facts_of("Xiaomi will launch the phone in the first half of 2023."), "date")
    second_quarter = only(facts_of("Xiaomi will launch the phone in the second quarter of 2023."), "date")
    second_half = only(facts_of("Xiaomi will launch the phone in the second half of 2023."), "date")
    assert (first_half.value, second_half.value) == ("2023-H1", "2023-H2")
    assert match.compare(first_half, second_quarter).agree
    assert match.compatible(first_half, second_half) and not match.compare(first_half, second_half).agree


def test_a_decade_agrees_with_a_year_inside_it():
    decade = only(facts_of("Leica was founded in the 1910s."), "date")
    year = only(facts_of("Leica was founded in 1914."), "date")
    other = only(facts_of("Leica was founded in 1920."), "date")
    assert match.compare(decade, year).agree and not match.compare(decade, other).agree


def test_two_ages_of_one_named_person_contradict():
    published = date(2025, 9, 12)
    first = only(facts_of("John Marsh, 61, of Hull, was jailed on Thursday.", published), "age")
    second = only(facts_of("Marsh, 62, denied the charges at Leeds Crown Court.", published), "age")
    same = only(facts_of("Marsh, 61, denied the charges.", published), "age")
    assert match.compatible(first, second) and not match.compare(first, second).agree
    assert match.compare(first, same).agree


def test_ages_of_unnamed_people_are_not_matched():
    assert [fact for fact in facts_of("A 54-year-old man from Leeds died.") if fact.fact_type == "age"] == []


def test_an_age_group_is_named_for_the_person_and_its_values_read_as_ages():
    fact = only(facts_of("John Marsh, 61, of Hull, was jailed.", date(2025, 9, 12)), "age")
    assert (match.describe(fact), match.describe_value(fact)) == ("Marsh age", "61 years old")


def test_rates_against_the_same_base_compare_whatever_the_population_is_called():
    first = only(facts_of("Hull recorded 412 offences per 100,000 residents."), "rate")
    second = only(facts_of("Hull had 350 offences per 100,000 people."), "rate")
    assert first.signature == second.signature == "rate|per 100,000|offence"
    assert match.compatible(first, second) and not match.compare(first, second).agree


def test_a_one_inch_sensor_contradicts_a_one_over_one_point_three_inch_one():
    one_inch = only(facts_of("The Acme X3 has a 1-inch type main sensor."), "sensor_format")
    smaller = only(facts_of("The Acme X3 has a 1/1.3-inch main sensor."), "sensor_format")
    assert match.compatible(one_inch, smaller) and not match.compare(one_inch, smaller).agree
