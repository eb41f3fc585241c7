from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claim_engine import boilerplate, extract_claims, split_sentences
from claim_engine.boilerplate import page_furniture, unclaimed_statement
from claim_engine.facts import extract_facts
from claim_engine.pipeline import assess_sentence

PUBLISHED = date(2022, 5, 23)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("(Image credit: Acme)", "credit"),
        ("Acme X1 Pro (Image credit: Jane Roe/Photo Desk)", "credit"),
        ("Top Image Courtesy of Acme", "credit"),
        ("Copyright 2026 The Daily Courier.", "disclosure"),
        ("© 2026 Acme Media. All rights reserved.", "disclosure"),
        ("See more", "see_more"),
        ("By Jane Doe", "byline"),
        ("Jane Doe, Staff Writer", "byline"),
        ("(Reporting by Ana Ruiz; additional reporting by Mark Pine in Madrid)", "byline"),
        ("Editing by Tom Hale", "byline"),
        ("Associated Press writer Mark Lyle contributed to this report.", "byline"),
        ("Ana Ruiz contributed reporting from Lima.", "byline"),
        ("Jane Doe is a senior editor who covers phones.", "author_bio"),
        ("Jane Doe is the paper's health correspondent.", "author_bio"),
        ("Jane Doe is our Europe editor.", "author_bio"),
        ("Subscribe to our newsletter for daily news.", "call_to_action"),
        ("Follow us on social media.", "call_to_action"),
        ("Listen to this article · 4 min", "call_to_action"),
        ("5 min read", "call_to_action"),
        ("October 29, 2026 · 4 min read", "call_to_action"),
        ("If you have been affected by any of the issues in this story, help is available.", "call_to_action"),
        ("Anyone with information can contact police on 101.", "call_to_action"),
        ("If you have information about fraud, you can call Action Fraud.", "call_to_action"),
        ("Residents can find out how to pay their bill at leicester.gov.uk.", "call_to_action"),
        ("Customers can check whether they were affected at example.com/breach.", "call_to_action"),
        ("For more information, visit the council's website.", "call_to_action"),
        ("Refresh this page for the latest updates.", "call_to_action"),
        ("Vega on the Moon. (Lunar Dynamics/Handout via Reuters)", "credit"),
        ("Vega is pictured in a rendering released by Lunar Dynamics.", "credit"),
        ("Posted Nov. 4, 2026, 6:15 a.m.", "timestamp"),
        ("Disclosure: Acme lent us the review unit.", "disclosure"),
        ("This article was amended on 13 March 2026 to correct a figure.", "correction"),
        ("Correction: An earlier version of this post said the index fell 2.8%.", "correction"),
        ("Editor's note: This story has been updated with the council's response.", "correction"),
        ("Watch: Why chip stocks are falling (2:14)", "see_more"),
        ("Listen: the full interview with the minister", "see_more"),
        ("Photograph: Alex Brandt/Reuters", "credit"),
        ("Photos courtesy of the family", "credit"),
        ("Chris Bell has covered Harrow Town for the Gazette since 2012.", "author_bio"),
        ("Sam Ortiz has reviewed phones for Gadget Weekly since 2018.", "author_bio"),
        ("Media contact: Kari Berg, +47 22 00 00 00, press@example.org", "disclosure"),
        ("About Nordvik Energy: Nordvik Energy is Norway's third-largest power producer.", "about"),
        ("Sponsored content: Try the new Volta e-bike for a month.", "advertisement"),
        ("Verdict: Mostly false.", "format_label"),
        ("Rating: 4/5", "format_label"),
        ("Table 3: Rail punctuality by operator, 2025", "format_label"),
        ("Our Standards: The Daily Courier Editorial Code.", "format_label"),
        ("SOURCE Nordvik Energy ASA", "format_label"),
        ("The inquest continues.", "format_label"),
        ("The hearing continues on Tuesday.", "format_label"),
        ("The following is an edited transcript of the mayor's interview on Radio Tyne.", "editor_note"),
        ("Write to us at letters@example.org.", "call_to_action"),
        ("Our journalism is independent.", "disclosure"),
        ("This article was produced in partnership with the Rivers Trust.", "disclosure"),
        ("We contacted Volta Bikes but did not receive a response.", "disclosure"),
        ("Updated: Wed 29 October 2026 14:05 GMT", "timestamp"),
        ("Last updated 3 Nov 2026 | 09:15 PT", "timestamp"),
        ("CATEGORIES", "label"),
        ("Previous Acme partnership", "heading"),
        ("Acme And Bolt Are Building A Flagship Camera Phone To Rival Others", "heading"),
    ],
)
def test_page_furniture_is_recognised(line: str, reason: str) -> None:
    assert page_furniture(line) == reason


@pytest.mark.parametrize(
    "line", ["The copyright law changed in 2019.", "Human rights groups reserved judgement on the 2022 deal."]
)
def test_copyright_and_rights_in_news_are_not_furniture(line: str) -> None:
    assert page_furniture(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "Published figures show a 40% rise.",
        "Updated guidance says 5 people died.",
        "Posted on Monday, he said, 5 photos.",
        "Acme Insurance has covered losses for BP since 2010.",
        "Residents can expect bills 5% higher.",
        "About 300 people attended the vigil on Sunday.",
        "Sponsored by the council, the scheme cost £2m in 2025.",
        "Verdict: the jury found him guilty of fraud after a 12-week trial.",
        "Table 1 shows a 9% rise in thefts.",
        "The trial continues with evidence from 12 witnesses next week.",
        "The following year, sales rose 14%.",
        "Source Energy said profits rose 8%.",
        "Our reviews found 12 faults in the 2025 model.",
        "This article was published in 2019 and updated in May.",
        "We contacted 40 councils and 31 replied.",
    ],
)
def test_news_sentences_that_open_like_furniture_are_not_furniture(line: str) -> None:
    assert page_furniture(line) is None


def test_plain_news_sentence_is_not_page_furniture() -> None:
    assert page_furniture("Acme sold 5 million phones last year.") is None


def test_question_without_facts_is_not_a_claim_but_one_with_facts_is_judged() -> None:
    assert unclaimed_statement("Will it matter?", []) == "question"
    question = "Did Acme really sell 5 million phones in 2021?"
    assert unclaimed_statement(question, extract_facts(question)) is None


def test_pure_opinion_is_not_a_claim() -> None:
    assert unclaimed_statement("Now that is a device worth buying.", []) == "opinion"


def test_article_claims_skip_credits_and_bylines_and_keep_facts() -> None:
    text = (
        "Acme Phone Tops Sales\n"
        "By Jane Doe\n"
        "(Image credit: Acme)\n"
        "Acme, the world's third-largest phone maker, sold 5 million phones in March 2022.\n"
    )
    claims = extract_claims(text, published=PUBLISHED)
    assert [claim.text for claim in claims] == [
        "Acme, the world's third-largest phone maker, sold 5 million phones in March 2022."
    ]
    assert {fact.type for fact in claims[0].facts} >= {"rank", "count", "date"}


def test_the_headline_is_no_claim_but_a_one_line_text_is() -> None:
    headline = "Acme sold 5 million phones in March as prices fell"
    body = "Acme sold 5 million phones in March 2022, the company said."
    claims = extract_claims(f"{headline}\n\n{body}\n", published=PUBLISHED)
    assert [claim.text for claim in claims] == [body]
    assert [claim.text for claim in extract_claims(headline, published=PUBLISHED)] == [headline]
    # A first line that closes with a full stop is the story's first sentence, not a headline.
    assert len(extract_claims(f"{body}\n\n{body.replace('5', '6')}", published=PUBLISHED)) == 2


def test_a_headline_that_asks_is_a_headline_when_a_blank_line_parts_it_from_the_story() -> None:
    headline = "Is the Acme X3 the best camera phone of 2026?"
    body = "The Acme X3 has a 200MP camera and costs $999, the company said."
    assert [claim.text for claim in extract_claims(f"{headline}\n\n{body}\n", published=PUBLISHED)] == [body]
    # Straight after it, with no blank line, the question opens the story and is judged on its facts.
    assert [claim.text for claim in extract_claims(f"{headline}\n{body}\n", published=PUBLISHED)][-1] == body


def test_a_dateline_with_a_date_is_not_part_of_the_claim() -> None:
    text = "OSLO, 30 November 2026 — Nordvik Energy commissioned a 1.2GW wind farm, enough for 1.1 million homes."
    claims = extract_claims(text, published=PUBLISHED)
    assert [claim.text for claim in claims] == [text.split("— ", 1)[1]]


@pytest.mark.parametrize("marker", ["- ", "• ", "* ", "2. ", "3) ", "A: "])
def test_a_list_marker_is_not_part_of_the_claim(marker: str) -> None:
    line = "Turnout is estimated at 64%, up from 59% in 2022"
    text = f"Key points\n\n{marker}{line}\n"
    claims = extract_claims(text, published=PUBLISHED)
    assert [claim.text for claim in claims] == [line]
    assert text[claims[0].start : claims[0].end] == line


def test_the_line_above_a_credit_of_its_own_is_a_caption() -> None:
    text = (
        "Acme sold 5 million phones in March 2022, the company said.\n\n"
        "The Acme X1 with its 50MP camera in blue\n"
        "(Image credit: Acme)\n\n"
        "Bolt sold 3 million phones in March 2022.\n"
    )
    claims = [claim.text for claim in extract_claims(text, published=PUBLISHED)]
    assert claims == [
        "Acme sold 5 million phones in March 2022, the company said.",
        "Bolt sold 3 million phones in March 2022.",
    ]


def test_claim_and_fact_offsets_index_the_full_article() -> None:
    text = "Intro line here.\n\nAcme had a five-year partnership with Bolt that ended in 2021."
    for claim in extract_claims(text, published=PUBLISHED):
        assert text[claim.start : claim.end] == claim.text
        for fact in claim.facts:
            assert text[fact.start : fact.end] == fact.text


def test_same_input_gives_same_output() -> None:
    text = "Acme sold 5 million phones in 2021. It will launch next July."
    assert extract_claims(text, published=PUBLISHED) == extract_claims(text, published=PUBLISHED)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_offsets_hold_for_any_text(text: str) -> None:
    for claim in extract_claims(text, published=PUBLISHED, threshold=0.0):
        assert text[claim.start : claim.end] == claim.text
        for fact in claim.facts:
            assert text[fact.start : fact.end] == fact.text


def _seed_claims(shared_dir, name_prefix: str):
    from claim_engine.__main__ import split_date_prefix

    paths = sorted((shared_dir / "seeds").glob(f"{name_prefix}*.txt"))
    if not paths:
        pytest.skip("seed not present")
    _, body = split_date_prefix(paths[0].read_text(encoding="utf-8"))
    return extract_claims(body, published=PUBLISHED)


def _facts(claims):
    return [(fact.type, fact.value, fact.unit) for claim in claims for fact in claim.facts]


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        (
            "000",
            [
                ("sensor_format", "1/1.1", "inch"),
                ("duration", 5.0, "year"),
                ("rank", 3, None),
                ("date", "2022-07", "month"),
                ("count", 7.0, "lens"),
            ],
        ),
        ("001", [("sensor_format", "1/1.1", "inch"), ("quantity", 50.0, "MP")]),
        ("002", [("rank", 12, None), ("duration", 100.0, "year"), ("date", "2022-07", "month")]),
        ("004", [("duration", 4.0, "year"), ("date", "2022-07", "month")]),
    ],
)
def test_seed_headline_facts_come_out_as_claims(shared_dir, seed: str, expected) -> None:
    found = _facts(_seed_claims(shared_dir, seed))
    for fact in expected:
        assert fact in found


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_seed_credits_bylines_and_bios_are_not_claims(shared_dir, seed: str) -> None:
    for claim in _seed_claims(shared_dir, seed):
        lowered = claim.text.lower()
        assert "image credit" not in lowered and "courtesy of" not in lowered
        assert not lowered.startswith("by ")
        assert "hobbies" not in lowered and "found an interest" not in lowered


_FURNITURE_PIECES = [
    *["Image", "(Photo", "credit", "Getty Images", "REUTERS/", "AP Photo", "Subscribe", "to", "our", "sign", "up"],
    *["for", "follow", "us", "on", "is", "a", "senior", "editor", "who", "covers", "found", "an", "interest", "in"],
    *[
        "his",
        "hobbies",
        "her",
        "spare",
        "time",
        "I",
        "think",
        "my",
        "opinion",
        "worth",
        "we",
        "can",
        "expect",
        "Worthy",
    ],
    *[" ", " ", " ", ":", ".", ",", "-", "\n", "’", "ſ", "K", "ı", "İ", "É"],
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_FURNITURE_PIECES), max_size=25).map("".join))
def test_word_gated_furniture_rules_agree_with_searching_the_whole_pattern(text: str) -> None:
    for rule in (boilerplate._CREDIT, boilerplate._BIO, boilerplate._CALL_TO_ACTION, boilerplate._OPINION):
        assert rule.search(text, boilerplate._lowered(text)) == (rule.whole.search(text) is not None)


def test_furniture_rules_still_match_letters_that_fold_to_ascii_only_under_ignorecase() -> None:
    # "ſ" (long s) and the Kelvin sign match "s" and "k" under re.I, though lower() keeps them apart.
    assert page_furniture("Photographer at ſhutterstock, all rights reserved.") == "credit"
    assert page_furniture("Jane Doe writes poems in her \u017fpare time.") == "author_bio"
    assert unclaimed_statement("That looks awe\u017fome.", []) == "opinion"


_RULE_REASONS = {"credit", "disclosure", "see_more", "byline", "call_to_action", "author_bio"}


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*_FURNITURE_PIECES, "By", "Jane", "Doe", "See", "more", "Advertisement", "Click", "Credit:", "Staff"]
        ),
        max_size=20,
    ).map("".join)
)
def test_skipping_the_furniture_rules_on_two_quick_searches_changes_no_reason(text: str) -> None:
    by_full_search = boilerplate._credit_byline_or_bio(text.strip(), None)
    if by_full_search:
        assert page_furniture(text) == by_full_search
    else:
        assert page_furniture(text) not in _RULE_REASONS


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*_FURNITURE_PIECES, "By", "Jane", "Doe", "?", "Image:", "\n\n"]), max_size=40).map(
        "".join
    )
)
def test_the_rules_words_found_once_per_article_decide_as_searching_each_sentence_does(text: str) -> None:
    words = boilerplate.ArticleWords(text)
    for sentence in split_sentences(text):
        sentence_text = text[sentence.start : sentence.end]
        furniture = page_furniture(sentence_text, rule_words=words.furniture_words_in(sentence.start, sentence.end))
        assert furniture == page_furniture(sentence_text)
        opinion_words = words.opinion_words_in(sentence.start, sentence.end)
        assert unclaimed_statement(sentence_text, [], opinion_words=opinion_words) == unclaimed_statement(
            sentence_text, []
        )


@pytest.mark.parametrize(
    "dateline",
    [
        "WASHINGTON (Reuters) - ",
        "NEW YORK, May 20 (AP) — ",
        "LONDON — ",
        "Paris (AFP) - ",
        "BERLIN, Germany -- ",
        "SAN FRANCISCO, Calif. -- ",
    ],
)
def test_a_wire_dateline_is_not_part_of_the_claim(dateline: str) -> None:
    sentence = "The central bank raised its main rate by 25 basis points to 4.5% on Thursday."
    text = f"Rates rise again\n{dateline}{sentence}\n"
    claims = extract_claims(text, published=PUBLISHED)
    assert [claim.text for claim in claims] == [sentence]
    assert text[claims[0].start : claims[0].end] == sentence
    assert all(text[fact.start : fact.end] == fact.text for fact in claims[0].facts)


def test_a_capitalised_opening_without_a_dash_keeps_its_sentence_whole() -> None:
    text = "NATO said on Thursday that 30 countries had signed the 2022 pact.\n"
    assert [claim.text for claim in extract_claims(text, published=PUBLISHED)] == [text.strip()]


def test_the_rest_of_a_paragraph_that_opens_with_an_author_bio_is_bio_too() -> None:
    news = "The council approved a £48 million budget for 2023, up 12% on last year."
    bio = "Priya Raman covers transport and infrastructure. She previously spent 12 years at the Evening Post."
    text = f"{news}\n\n{bio}\n"
    assert [claim.text for claim in extract_claims(text, published=PUBLISHED)] == [news]


def test_a_bio_like_clause_later_in_a_paragraph_does_not_swallow_what_follows() -> None:
    text = (
        "Analysts said the deal was worth $2 billion. Jane Doe, who covers energy for the bank, said output rose 8% "
        "in 2021. Exports doubled to 4 million barrels a day in 2022.\n"
    )
    texts = [claim.text for claim in extract_claims(text, published=PUBLISHED)]
    assert "Exports doubled to 4 million barrels a day in 2022." in texts


def test_expecting_something_makes_a_prediction() -> None:
    claim = assess_sentence("Analysts at the bank expect two more rate cuts by mid-2025.", published=PUBLISHED)
    assert claim is not None and claim.kind == "prediction"


def test_a_caption_line_that_ends_with_a_photo_credit_is_no_claim() -> None:
    news = "More than 30,000 people were evacuated as the fire burned 4,500 hectares on Tuesday."
    caption = "Firefighters battle the blaze near the town on Tuesday. (AP Photo/Jane Roe)"
    text = f"{caption}\n{news}\n"
    assert [claim.text for claim in extract_claims(text, published=PUBLISHED)] == [news]


def test_a_bullet_before_a_dateline_leaves_both_out() -> None:
    text = "Key points\n\n- WASHINGTON (AP) — Acme sold 5 million phones in March 2022.\n"
    claims = extract_claims(text, published=PUBLISHED)
    assert [claim.text for claim in claims] == ["Acme sold 5 million phones in March 2022."]


@pytest.mark.parametrize(
    "line",
    [
        "Video footage showed police beating 20 protesters outside parliament.",
        "Photos show the damage to 300 homes in the north of the city.",
        "Pictures taken by residents showed flooding in 12 streets.",
    ],
)
def test_news_about_pictures_is_not_a_credit(line: str) -> None:
    assert page_furniture(line) is None
    assert [claim.text for claim in extract_claims(line)] == [line]


@pytest.mark.parametrize("line", ["Consider the numbers.", "Imagine a city without buses.", "Think of the children."])
def test_the_writer_turning_to_the_reader_states_nothing(line: str) -> None:
    assert unclaimed_statement(line, []) == "address"


def test_turning_to_the_reader_with_a_fact_is_judged_on_the_fact() -> None:
    line = "Consider that spending on libraries falls by 12% next year."
    assert unclaimed_statement(line, extract_facts(line)) is None


def test_what_an_insurer_has_covered_is_no_bio() -> None:
    assert page_furniture("Acme Insurance has covered losses for Bolt Corp since 2019.") is None


_BUDGET = "The council approved a £48 million budget for 2023, up 12% on last year."


@pytest.mark.parametrize(
    "bio",
    [
        "Oskar van Dijk is Asia business editor, based in Singapore.",
        "Ruth Calder has covered rugby union for more than 20 years. She previously worked for the Courier.",
        "Dev Anand has reviewed laptops for six years.",
        "Ines Moreau is a former paramedic and has written about health for the site since 2018.",
        "Luca Ferri reports on energy and mining from Johannesburg.",
        "Pat Quill writes restaurant reviews for the paper.",
        "Maya Lindgren is transport correspondent. Her first book comes out in March 2023.",
    ],
)
def test_a_writers_bio_after_the_storys_last_claim_is_no_claim(bio: str) -> None:
    text = f"Budget passed\n\n{_BUDGET}\n\n{bio}\n\nSign up for our daily newsletter.\n"
    assert [claim.text for claim in extract_claims(text, published=PUBLISHED)] == [_BUDGET]


def test_a_bio_shaped_sentence_before_the_storys_last_claim_is_judged() -> None:
    line = "Dev Anand has reviewed laptops for six years."
    text = f"{_BUDGET}\n\n{line}\n\nBolt sold 3 million laptops in March 2022.\n"
    assert line in [claim.text for claim in extract_claims(text, published=PUBLISHED)]
    # On its own, with no story above it, the sentence is the story.
    assert [claim.text for claim in extract_claims(line, published=PUBLISHED)] == [line]


@pytest.mark.parametrize(
    ("paragraph", "bio"),
    [
        ("Noor Haddad is senior health correspondent.", True),
        ("Piet de Boer has been covering Dutch politics for the site since 2015.", True),
        ("Dana Reyes is finance minister.", False),
        ("The agency reports on inflation for the Treasury.", False),
        ("Lee Park has covered the shortfall for three years.", False),
        ("Lee Park has reviewed the policy for two years, the council said.", False),
    ],
)
def test_what_opens_like_a_writers_bio(paragraph: str, bio: bool) -> None:
    assert boilerplate.closing_bio(paragraph) is bio


@pytest.mark.parametrize(
    "line",
    [
        "Acme Insurance has covered losses for Bolt Corp since 2019.",
        "Mark Hale has reviewed the policy for two years, the council said.",
        "Statistics Canada reports on inflation monthly.",
        "Dana Reyes is expected to be named editor in 2023.",
    ],
)
def test_news_that_closes_a_story_like_a_bio_is_still_a_claim(line: str) -> None:
    text = f"{_BUDGET}\n\n{line}\n\nSign up for our daily newsletter.\n"
    assert line in [claim.text for claim in extract_claims(text, published=PUBLISHED)]


@pytest.mark.parametrize(
    "line",
    [
        "If you notice a rash or a stiff neck, call 111 or see your GP.",
        "If you smell gas, leave the house and call 0800 111 999.",
        "Dial 112 in an emergency.",
        "Follow her on Instagram.",
        "Follow our live blog for every result.",
    ],
)
def test_help_lines_and_calls_to_action_are_furniture(line: str) -> None:
    assert page_furniture(line) == "call_to_action"


@pytest.mark.parametrize(
    "line",
    [
        "The trust said patients should call 111 before going to A&E.",
        "If you earn £40,000, your bill rises by £120 a year.",
        "If you call 999, an ambulance takes 45 minutes on average.",
        "Call centre staff at 12 sites walked out on Monday.",
    ],
)
def test_news_about_calling_and_conditions_on_the_reader_are_not_help_lines(line: str) -> None:
    assert page_furniture(line) is None
    assert [claim.text for claim in extract_claims(line, published=PUBLISHED)] == [line]


def test_a_question_that_only_repeats_the_storys_figure_or_names_a_year_is_no_claim() -> None:
    question = "Is the upgrade worth the extra £50?"
    text = f"The Volt S costs £50 more than last year's model.\n\n{question}\n"
    assert question not in [claim.text for claim in extract_claims(text, published=PUBLISHED)]
    assert unclaimed_statement("Will the bridge open in 2027?", extract_facts("Will the bridge open in 2027?")) == (
        "question"
    )
    # Asked before anything states it, the £50 is the question's own, and it is judged on it.
    assert [claim.text for claim in extract_claims(question, published=PUBLISHED)] == [question]


def test_an_opinion_word_beside_a_reported_clause_is_not_an_opinion() -> None:
    line = "Prof Lena Ortiz said the design of the trial was impressive but noted that the patients chose their doses."
    assert unclaimed_statement(line, []) is None
    assert unclaimed_statement("The screen is impressive but the speakers are tinny.", []) == "opinion"


def test_agreeing_with_a_question_states_nothing() -> None:
    assert unclaimed_statement("Most engineers think so.", []) == "opinion"
    assert unclaimed_statement("Few people think so little of the plan that they would vote against it.", []) is None


STORY = "The council approved a £48 million budget for 2027, up 12% on last year."
LATER = "Bus fares will rise by 5% in April, the operator said on Tuesday."


@pytest.mark.parametrize(
    "label", ["Most read", "Trending now", "Related stories", "Read more:", "More from Politics", "You may also like"]
)
def test_the_lines_under_a_list_label_go_with_it_and_the_story_goes_on_after_them(label: str) -> None:
    links = "1 Police hunt man after 3 cars set alight\n2 Mayor to cut 200 council jobs by 2028"
    text = f"Budget approved\n\n{STORY}\n\n{label}\n{links}\n\n{LATER}\n"
    assert [claim.text for claim in extract_claims(text, published=PUBLISHED)] == [STORY, LATER]


def test_an_end_matter_label_that_stands_alone_takes_the_paragraph_after_it_only() -> None:
    notes = "Figures from the statistics office, 2,000 adults surveyed in March 2026. Results were weighted by age."
    text = f"Budget approved\n\n{STORY}\n\nSources\n\n{notes}\n\n{LATER}\n"
    assert [claim.text for claim in extract_claims(text, published=PUBLISHED)] == [STORY, LATER]


@pytest.mark.parametrize("label", ["Related", "More on the way", "Methodology"])
def test_a_navigation_label_or_subheading_keeps_the_prose_under_it(label: str) -> None:
    # A story pasted with single line breaks: no blank line ever closes a block.
    prose = "The team combined readings from 4,000 floats going back to 1955."
    text = f"Budget approved\n{STORY}\n{label}\n{prose}\n{LATER}\n"
    assert [claim.text for claim in extract_claims(text, published=PUBLISHED)] == [STORY, prose, LATER]


def test_about_a_title_is_a_subheading_not_a_press_releases_about_section() -> None:
    review = "The play sold out all 24 performances and transfers to the Old Vic for a 10-week run."
    text = f"Budget approved\n\n{STORY}\n\nAbout Time\n{review}\n\n{LATER}\n"
    assert [claim.text for claim in extract_claims(text, published=PUBLISHED)] == [STORY, review, LATER]


@pytest.mark.parametrize(
    "closing",
    [
        "Auditor Mark Hale has reviewed the council's accounts and found £1.2m that cannot be traced.",
        "Liam Barr has covered 12km a game for Harbourside this season, more than any other player.",
    ],
)
def test_a_closing_paragraph_with_the_figures_of_news_is_no_bio(closing: str) -> None:
    text = f"Budget approved\n\n{STORY}\n\n{closing}\n"
    assert [claim.text for claim in extract_claims(text, published=PUBLISHED)][-1] == closing


def test_a_disclosure_takes_no_sentence_before_it_as_its_caption() -> None:
    tested = "We tested the phone for two weeks and its battery lasted 31 hours."
    text = f"Budget approved\n\n{STORY}\n\n{tested} Our reviews are independent.\n"
    assert [claim.text for claim in extract_claims(text, published=PUBLISHED)] == [STORY, tested]


def test_advice_to_the_reader_that_carries_figures_is_judged() -> None:
    advice = "If you bought a ticket, contact your card provider; about 14,000 refunds have been issued so far."
    text = f"Budget approved\n\n{STORY}\n\n{advice}\n"
    assert advice in [claim.text for claim in extract_claims(text, published=PUBLISHED)]


@pytest.mark.parametrize(
    "line",
    ["Sources said the deal was worth $5bn, up from $4bn in 2025.", "Notes seen by the BBC show 40 jobs will go."],
)
def test_a_sentence_that_opens_like_a_label_is_judged(line: str) -> None:
    text = f"Budget approved\n\n{STORY}\n\n{line}\n{LATER}\n"
    assert [claim.text for claim in extract_claims(text, published=PUBLISHED)] == [STORY, line, LATER]


def test_a_press_releases_about_and_legal_sections_run_to_the_next_heading() -> None:
    text = (
        f"Budget approved\n\n{STORY}\n\n"
        "About Nordvik Energy\nNordvik Energy runs 14 wind farms. Founded in 2009, it employs 3,100 people.\n\n"
        "It sold 4.2TWh of power in 2025.\n\n"
        "Safe Harbor Statement\nThis release holds forward-looking statements under the Securities Act of 1933.\n\n"
        "Results\n\n"
        f"{LATER}\n"
    )
    assert [claim.text for claim in extract_claims(text, published=PUBLISHED)] == [STORY, LATER]


@pytest.mark.parametrize(
    "paragraph",
    [
        "About Nordvik Energy: Nordvik Energy runs 14 wind farms. Founded in 2009, it employs 3,100 people.",
        "Correction: An earlier version said the budget was £50m. The £50m figure was for 2026.",
        "Sponsored content: Ride the Volta e-bike. Order by Sunday and save 15%.",
        "The following is a transcript of the mayor's speech in Leeds on Monday. It was edited for length.",
    ],
)
def test_furniture_that_opens_a_paragraph_takes_the_rest_of_it(paragraph: str) -> None:
    text = f"Budget approved\n\n{STORY}\n\n{paragraph}\n\n{LATER}\n"
    assert [claim.text for claim in extract_claims(text, published=PUBLISHED)] == [STORY, LATER]


def test_a_fact_checks_verdict_label_is_no_claim_but_its_reasons_are() -> None:
    reason = "Fares rose 5% in 2025, not 50%, according to the operator's annual report."
    text = f"Fact check: bus fares\n\nVerdict: Misleading. {reason}\n"
    assert [claim.text for claim in extract_claims(text, published=PUBLISHED)] == [reason]


@pytest.mark.parametrize(
    "marker",
    ["09:40 GMT - ", "4:05pm: ", "21:15 ", "Q. ", "Claim: ", "¹ ", "BERGEN, May 4, 2026 /PRNewswire/ -- "],
)
def test_a_live_blogs_time_a_transcripts_label_and_a_newswires_dateline_are_not_part_of_the_claim(
    marker: str,
) -> None:
    line = "Turnout is estimated at 64%, up from 59% in 2022."
    text = f"Key points\n\n{marker}{line}\n"
    claims = extract_claims(text, published=PUBLISHED)
    assert [claim.text for claim in claims] == [line]
    assert text[claims[0].start : claims[0].end] == line


def test_an_answers_label_goes_only_after_a_question() -> None:
    answer = "There were 14 staff checking a budget of £90 million."
    text = f"Fraud trial\n\nQ. How many staff were there?\nA. {answer}\n\nA. Patel said 40 jobs went in 2024.\n"
    claims = [claim.text for claim in extract_claims(text, published=PUBLISHED)]
    assert claims == [answer, "A. Patel said 40 jobs went in 2024."]


def test_numbers_that_open_lines_are_ranks_only_in_a_run() -> None:
    text = (
        "Top stories\n\n"
        "1 Police charge 3 men over £2m fraud\n2 Mayor to cut 200 council jobs by 2028\n\n"
        "10 Downing Street said 40 ministers met on Monday.\n"
    )
    claims = extract_claims(text, published=PUBLISHED)
    texts = [claim.text for claim in claims]
    assert "Police charge 3 men over £2m fraud" in texts
    assert "10 Downing Street said 40 ministers met on Monday." in texts
    assert all(text[claim.start : claim.end] == claim.text for claim in claims)


def test_a_footnotes_mark_after_a_claim_is_left_out() -> None:
    sentence = "Thefts rose 9% in the year to March, figures show."
    text = f"Thefts rise\n\n{sentence}²\n"
    claims = extract_claims(text, published=PUBLISHED)
    assert [claim.text for claim in claims] == [sentence]
    assert text[claims[0].start : claims[0].end] == sentence


def test_a_section_label_above_the_headline_heads_the_story_with_it() -> None:
    headline = "Councils are failing 40,000 children in care, and nobody in Whitehall seems to notice"
    text = f"Opinion\n{headline}\n\n{STORY}\n"
    assert [claim.text for claim in extract_claims(text, published=PUBLISHED)] == [STORY]
    # Above a list's item, or the story's own first sentence, a short first line is only a heading.
    item = "More than 84,000 homes are without power across Wales and western England"
    assert [claim.text for claim in extract_claims(f"Key points\n- {item}\n", published=PUBLISHED)] == [item]
    assert [claim.text for claim in extract_claims(f"Budget approved\n{STORY}\n", published=PUBLISHED)] == [STORY]
