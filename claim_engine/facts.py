"""Numbers, quantities, durations, ranks and dates -> typed, normalised facts anchored to their characters.

Patterns run in priority order over one sentence; a span taken by an earlier, more specific pattern ("five-year" as a
duration, "1/1.1-inch" as a sensor format) is not read again by a later, more general one (a bare number).

Relative dates are resolved against the article's published date P (year Y, month M), news usage:
- "July this year", "this July" -> Y-07; "July next year" -> Y+1; "July last year" -> Y-1.
- "next July" -> the first July after P (said in May 2022: 2022-07; said in September 2022: 2023-07).
- "last December" -> the last December before P (said in May 2022: 2021-12).
- a bare "in March" -> by the tense of its clause (``_SentenceReader.tense_at``): future (will, expected, upcoming,
  ...) the next March on or after P, past (was, launched, ...) the last March on or before P, otherwise Y.
- "this year" / "next year" / "last year" -> Y / Y+1 / Y-1.
Without a published date relative dates keep ``value=None``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from itertools import compress, pairwise

from claim_engine import subjects
from claim_engine.types import Fact


def _trie_alternation(words: list[str]) -> str:
    """An alternation of ``words`` shaped as a trie ("six|sixty" -> "six(?:ty)?"): every branch starts with a literal,
    so the regex engine skips straight to the characters that can start a word and backtracks little inside it."""
    trie: dict = {}
    for word in words:
        node = trie
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = [re.escape(character) + render(child) for character, child in sorted(node.items()) if character]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if "" in node else group

    return "|".join(re.escape(character) + render(child) for character, child in sorted(trie.items()))


_SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]


def _both_cases(words: list[str]) -> list[str]:
    # Case-insensitive matching makes every scan several times slower; a sentence-initial capital is all we need.
    return [*words, *(word.capitalize() for word in words)]


_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD_VALUES = {word: float(value) for value, word in enumerate(_SMALL)} | {
    word: float(20 + 10 * index) for index, word in enumerate(_TENS)
}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "mn": 1e6}
# Indian amounts: a lakh is 100,000 and a crore 10 million ("Rs 5 crore").
_SCALES |= {"lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7, "lakh crore": 1e12, "lakh crores": 1e12}
_SCALES |= {"tn": 1e12, "trn": 1e12}
# Written only after an amount of money: "$5m", "£20k".
_SHORT_SCALES = {"m": 1e6, "k": 1e3}
_TENS_PATTERN = "|".join(_both_cases(_TENS))
_WORD_NUMBER = (
    rf"(?:(?:{_TENS_PATTERN})(?:-(?:{'|'.join(_SMALL[1:10])}))?|{'|'.join(_both_cases(_SMALL))}|a dozen|dozen)"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# Every pattern built on _NUM starts at a word boundary, which lets the scan skip the inside of words cheaply.
_NUM = (
    rf"\b(?P<num>{_DIGITS}|{_WORD_NUMBER}\b)"
    r"(?:\s(?P<scale>hundred|thousand|million|billion|trillion|lakh\s+crores?|lakhs?|crores?)\b)?"
)

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH_NUMBER = (
    {name: index + 1 for index, name in enumerate(_MONTHS)}
    | {name[:3]: index + 1 for index, name in enumerate(_MONTHS)}
    | {"Sept": 9}
)
# An abbreviated month may carry a period ("Jan. 5"); a sentence-final period after a month is not part of it.
_MONTH = r"(?P<month>" + _trie_alternation(list(_MONTH_NUMBER)) + r")\b(?:\.(?=\s*\d))?"

_ORDINAL_WORDS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
_ORDINAL_VALUE = {word: index + 1 for index, word in enumerate(_ORDINAL_WORDS)}
_ORDINAL = rf"(?P<ord>\d+(?:st|nd|rd|th)|{'|'.join(_both_cases(_ORDINAL_WORDS))})"
_SUPERLATIVE_WORDS = (
    "largest biggest smallest highest lowest fastest slowest oldest newest youngest longest shortest greatest "
    "strongest weakest cheapest richest poorest widest deepest heaviest lightest best worst brightest "
    "hottest coldest warmest coolest wettest driest earliest deadliest busiest safest"
)
_SUPERLATIVE = rf"(?P<sup>{_SUPERLATIVE_WORDS.replace(' ', '|')}|most\s+[a-z]+|least\s+[a-z]+)"

_QUALIFIER = re.compile(
    r"\b(over|about|around|nearly|almost|roughly|approximately|some|no more than|no less than|no fewer than|"
    r"more than|less than|fewer than|at least|"
    r"at most|up to|as many as|as few as|as much as|just over|just under|under|close to)\s+$",
    re.I,
)
# "no more than £105m" is a cap: at most, the opposite of "more than".
_BOUNDS_SAID_BACKWARDS = {"no more than": "at most", "no less than": "at least", "no fewer than": "at least"}
_CURRENCY = {
    **{"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "₹": "INR", "rs": "INR", "rs.": "INR"},
    **{"dollars": "USD", "euros": "EUR", "pounds": "GBP"},
    **{"yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupees": "INR", "soles": "PEN", "rand": "ZAR"},
    **{"naira": "NGN", "reais": "BRL", "roubles": "RUB", "rubles": "RUB", "lira": "TRY", "dirhams": "AED"},
    **{"riyals": "SAR", "zlotys": "PLN", "kronor": "SEK", "pesos": "peso", "kroner": "krone", "rupiah": "IDR"},
    **{"ringgit": "MYR", "baht": "THB", "shekels": "ILS"},
    # The dollars of other countries, by the letters before "$": "A$600,000", "HK$2.4bn", "R$50" (reais).
    **{"a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "nz$": "NZD", "hk$": "HKD", "s$": "SGD", "r$": "BRL"},
}
# A country's name before a currency that several countries share: "5 million Australian dollars", "42 billion
# Danish kroner".
_COUNTRY_CURRENCIES = {
    **{"australian": "AUD", "canadian": "CAD", "new zealand": "NZD", "hong kong": "HKD", "singapore": "SGD"},
    **{"taiwan": "TWD", "danish": "DKK", "norwegian": "NOK", "swedish": "SEK", "mexican": "MXN", "argentine": "ARS"},
    **{"chilean": "CLP", "colombian": "COP", "philippine": "PHP"},
}
# Currencies written out after their amount: "50 million soles". Kept to plurals and names that are no English
# word of another sense, so "won" (the verb) and "sol" are not among them.
_CURRENCY_WORDS = [name for name in _CURRENCY if name.isalpha() and name != "rs"]
_UNITS = {
    "mp": ("MP", 1.0),
    "megapixel": ("MP", 1.0),
    "megapixels": ("MP", 1.0),
    "mm": ("mm", 1.0),
    "millimeters": ("mm", 1.0),
    "millimetres": ("mm", 1.0),
    "cm": ("mm", 10.0),
    "inch": ("inch", 1.0),
    "inches": ("inch", 1.0),
    # Glued to its number only ("a 6.1in screen"): "6 in" is a number and a preposition.
    "in": ("inch", 1.0),
    "square-foot": ("sq ft", 1.0),
    "square-metre": ("m²", 1.0),
    "″": ("inch", 1.0),
    "mb": ("GB", 0.001),
    "gb": ("GB", 1.0),
    "tb": ("GB", 1000.0),
    "mah": ("mAh", 1.0),
    "mg": ("mg", 1.0),
    "milligram": ("mg", 1.0),
    "milligrams": ("mg", 1.0),
    "ml": ("ml", 1.0),
    "millilitre": ("ml", 1.0),
    "millilitres": ("ml", 1.0),
    "milliliter": ("ml", 1.0),
    "milliliters": ("ml", 1.0),
    "nm": ("nm", 1.0),
    "nit": ("nit", 1.0),
    "nits": ("nit", 1.0),
    "g": ("g", 1.0),
    "gram": ("g", 1.0),
    "grams": ("g", 1.0),
    "hz": ("Hz", 1.0),
    "mhz": ("Hz", 1e6),
    "ghz": ("Hz", 1e9),
    "w": ("W", 1.0),
    "watts": ("W", 1.0),
    "kg": ("kg", 1.0),
    "kilogram": ("kg", 1.0),
    "kilograms": ("kg", 1.0),
    "km": ("km", 1.0),
    "kilometer": ("km", 1.0),
    "kilometers": ("km", 1.0),
    "kilometre": ("km", 1.0),
    "kilometres": ("km", 1.0),
    "meter": ("m", 1.0),
    "meters": ("m", 1.0),
    "metre": ("m", 1.0),
    "metres": ("m", 1.0),
    "mile": ("mile", 1.0),
    "miles": ("mile", 1.0),
    "light-year": ("light-year", 1.0),
    "light-years": ("light-year", 1.0),
    "light years": ("light-year", 1.0),
    "yard": ("yard", 1.0),
    "yards": ("yard", 1.0),
    "foot": ("ft", 1.0),
    "feet": ("ft", 1.0),
    "ft": ("ft", 1.0),
    "mph": ("mph", 1.0),
    "km/h": ("km/h", 1.0),
    "kph": ("km/h", 1.0),
    "tonne": ("tonne", 1.0),
    "tonnes": ("tonne", 1.0),
    "ton": ("ton", 1.0),
    "tons": ("ton", 1.0),
    "lb": ("lb", 1.0),
    "lbs": ("lb", 1.0),
    "liter": ("l", 1.0),
    "liters": ("l", 1.0),
    "litre": ("l", 1.0),
    "litres": ("l", 1.0),
    "gallon": ("gallon", 1.0),
    "gallons": ("gallon", 1.0),
    "barrel": ("barrel", 1.0),
    "barrels": ("barrel", 1.0),
    "acre": ("acre", 1.0),
    "acres": ("acre", 1.0),
    "hectare": ("ha", 1.0),
    "hectares": ("ha", 1.0),
    "square miles": ("sq mile", 1.0),
    "square mile": ("sq mile", 1.0),
    "square kilometres": ("km²", 1.0),
    "square kilometers": ("km²", 1.0),
    "square kilometre": ("km²", 1.0),
    "square kilometer": ("km²", 1.0),
    "sq km": ("km²", 1.0),
    "km²": ("km²", 1.0),
    "square metres": ("m²", 1.0),
    "square meters": ("m²", 1.0),
    "square feet": ("sq ft", 1.0),
    "sq ft": ("sq ft", 1.0),
    "kw": ("W", 1e3),
    "mw": ("W", 1e6),
    "gw": ("W", 1e9),
    "kwh": ("Wh", 1e3),
    "mwh": ("Wh", 1e6),
    "gwh": ("Wh", 1e9),
    "twh": ("Wh", 1e12),
    "°c": ("°C", 1.0),
    "°f": ("°F", 1.0),
    "degrees celsius": ("°C", 1.0),
    "degrees fahrenheit": ("°F", 1.0),
    "basis points": ("bp", 1.0),
    "basis point": ("bp", 1.0),
    "basis-point": ("bp", 1.0),
    # Air quality: "180 micrograms per cubic metre".
    "nanograms": ("ng", 1.0),
    "nanogram": ("ng", 1.0),
    "micrograms": ("µg", 1.0),
    "microgram": ("µg", 1.0),
    "micrograms per cubic metre": ("µg/m³", 1.0),
    "micrograms per cubic meter": ("µg/m³", 1.0),
    "µg/m³": ("µg/m³", 1.0),
    "µg/m3": ("µg/m³", 1.0),
    "bps": ("bp", 1.0),
    # A poll lead, an index's move, a league gap: "a five-point lead", "the Dow fell 500 points".
    "points": ("point", 1.0),
    "point": ("point", 1.0),
    "percentage points": ("pp", 1.0),
    "percentage point": ("pp", 1.0),
    "ppm": ("ppm", 1.0),
    "parts per million": ("ppm", 1.0),
    # A video's or a display's rate: "8K at 30 frames per second", "120fps".
    "frames per second": ("fps", 1.0),
    "fps": ("fps", 1.0),
    "ppb": ("ppb", 1.0),
    "parts per billion": ("ppb", 1.0),
    # Glued to the number only ("1.6C", "100F"): see _quantity.
    "c": ("°C", 1.0),
    "f": ("°F", 1.0),
}
_DURATION_UNITS = {"decade": ("year", 10.0), "century": ("year", 100.0), "centurie": ("year", 100.0)}

_SENSOR = re.compile(r"\b(?P<value>1/\d+(?:\.\d+)?)\s?-?\s?(?:inch(?:es)?\b|″|-type\b)")
# A one-inch sensor, which its maker writes without a fraction: "a 1-inch type main sensor", "a one-inch sensor".
_SENSOR_ONE_INCH = re.compile(
    r"\b(?:1|[Oo]ne)[\s-]inch(?:[\s-]type\b|(?=\s+(?:main\s+|primary\s+|camera\s+|image\s+)?sensors?\b))"
)
_DATE_ISO = re.compile(r"\b(?P<year>(?:1[89]|20)\d{2})-(?P<mm>0[1-9]|1[0-2])-(?P<dd>[0-3]\d)\b")
# A season, a financial year or a span: "2021-22", "2023/24", "1999/00", "1990-95". Both years are read, the second
# with its century.
_YEAR_SPAN = re.compile(r"\b(?P<year>(?:1[89]|20)\d{2})[-–/](?P<end>\d{2})\b(?![-–/.,]?\d)")
_DATE_DMY = re.compile(rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>(?:1[89]|20)\d{{2}})\b")
# "September the 11th": a "the" between month and day only before an ordinal.
_THE_BEFORE_ORDINAL = r"(?:the\s+(?=[0-3]?\d(?:st|nd|rd|th)\b))?"
_DATE_MDY = re.compile(
    rf"\b{_MONTH}\s+{_THE_BEFORE_ORDINAL}(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>(?:1[89]|20)\d{{2}})\b"
)
_DATE_MY = re.compile(rf"\b{_MONTH}(?:,|\s+of)?\s+(?P<year>(?:1[89]|20)\d{{2}})\b")
# A day and month without a year ("28 May", "May 28th"); the year comes from the published date and the tense.
# A span of days gives both: "17-18 June", "October 8-11".
_DAY_OR_DAYS = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:[-–](?P<last>[0-3]?\d)(?:st|nd|rd|th)?)?"
_DATE_DM = re.compile(rf"\b{_DAY_OR_DAYS}\s+(?:of\s+)?{_MONTH}")
# Not before a year, which _DATE_MDY reads with its day ("May 5, 2022"); a list of days may follow ("Dec. 7, 8 or 9").
_DATE_MD = re.compile(rf"\b{_MONTH}\s+{_THE_BEFORE_ORDINAL}{_DAY_OR_DAYS}\b(?!,?\s*(?:1[89]|20)\d\d\b|[.,]\d)")
# Days news names rather than dates: "launched on Christmas Day 2021", "by New Year's Eve".
_HOLIDAYS = {
    "Christmas Day": (12, 25),
    "Christmas Eve": (12, 24),
    "Boxing Day": (12, 26),
    "New Year's Day": (1, 1),
    "New Year’s Day": (1, 1),
    "New Year's Eve": (12, 31),
    "New Year’s Eve": (12, 31),
    "Valentine's Day": (2, 14),
    "Valentine’s Day": (2, 14),
    "Halloween": (10, 31),
}
_HOLIDAY = re.compile(rf"\b(?P<holiday>{'|'.join(map(re.escape, _HOLIDAYS))})(?:,?\s+(?P<year>(?:1[89]|20)\d{{2}})\b)?")
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# "on Thursday", "last Friday", "Sunday's vote"; a plural ("on Mondays") is a habit, not a date. The pattern is tried
# where a weekday's name starts; the word before it, if any, is read by _WEEKDAY_RELATION.
_WEEKDAY = re.compile(rf"\b(?P<weekday>{'|'.join(_WEEKDAYS)})\b(?!s\b)")
_DATE_FOLLOWS = re.compile(rf",?\s+(?:the\s+)?(?:\d|{_MONTH})")
_LOOKS_AHEAD_BEFORE = re.compile(r"\b(?:until|till|by|from)\s+(?:the\s+)?$", re.I)
# The relation may stand before a time of day: "a warning until 8pm Tuesday", "by 5 p.m. Friday".
_WEEKDAY_RELATION = re.compile(
    r"\b(?P<rel>on|last|next|this|by|until|since|from|before|after)\s+"
    r"(?:\d{1,2}(?:[:.]\d\d)?\s?(?:am|pm|a\.m\.|p\.m\.)\s+(?:on\s+)?)?$",
    re.I,
)
_DATE_MONTH = re.compile(
    rf"\b(?:(?P<rel>[Tt]his|[Nn]ext|[Ll]ast|[Ee]arly|[Ll]ate|[Mm]id-?|[Ii]n|[Bb]y|[Ss]ince|[Uu]ntil|[Tt]ill|[Ff]rom|[Dd]uring|"
    rf"[Bb]efore|[Aa]fter|(?:[Bb]y|[Uu]ntil|[Tt]ill)\s+the\s+end\s+of|(?:the\s+)?(?:start|end|beginning|middle)\s+of|"
    # "in the year to October", "in January and February": the second month of a pair, the end of a span.
    rf"to|and|or|through)\s+)?{_MONTH}"
    rf"(?:\s+(?P<yrel>this|next|last)\s+year\b)?"
)
# The days next to the published one: "said yesterday", "tomorrow's vote", "shares fell 4% today". "Today's" is
# left alone, and "today" in the present tense: "today's economy", "in America today" mean the present.
_DAY_WORD = re.compile(
    r"\b(?P<day>[Yy]esterday|[Tt]omorrow|[Tt]oday(?![’']s)|[Tt]onight|last night|this (?:morning|afternoon|evening))\b"
)
_DAY_WORD_SHIFT = {"yesterday": -1, "last night": -1, "today": 0, "tonight": 0, "tomorrow": 1}
_DAY_WORD_SHIFT |= {"this morning": 0, "this afternoon": 0, "this evening": 0}
# "suspended in October 2023 and arrested the following month": the unit after a date the sentence gave.
_FOLLOWING = re.compile(r"\b[Tt]he\s+(?:following|next)\s+(?P<unit>day|month|year)\b")
# "last month", but not "the last month of the year".
_RELATIVE_MONTH = re.compile(r"\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+month\b(?!\s+of\b|-)")
# "to", "and", "or", "through" before a month make it a date only after another month ("Jan. and Feb.", "from March
# to June") or a reporting period ("in the year to October", "the three months to September").
_PAIRING_WORDS = frozenset(["to", "and", "or", "through"])
_PAIRED_BEFORE = re.compile(
    r"(?:\b(?P<month>" + _trie_alternation(list(_MONTH_NUMBER)) + r")\.?(?:\s+(?:1[89]|20)\d\d)?"
    r"|\b(?:year|months|weeks|quarter|period))\s+$"
)
_DATE_YEAR = re.compile(
    r"\b(?:(?P<yrel>this|next|last|This|Next|Last)\s+year\b|(?P<prep>in|since|by|until|from|during|before|after|of|early|late|mid-?)"
    r"\s+(?P<year>(?:1[89]|20)\d{2})\b)"
)
_MONEY_SCALES = r"(?P<scale>bn\b|mn\b|tn\b|trn\b|m\b|k\b|lakh\s+crores?\b|lakhs?\b|crores?\b|"
_MONEY_NUM = _NUM.replace("(?P<scale>", _MONEY_SCALES).replace(
    r"(?:\s(?P",
    r"(?:[\s-]?(?P",  # "$10 billion", "$10bn", "a $10-billion deal"
)
_MONEY_SYMBOL = re.compile(rf"(?P<cur>(?<![A-Za-z])(?:US|AU|A|CA|C|NZ|HK|S|R)\$|\$|€|£|₹|\bRs\.?)\s?{_MONEY_NUM}")
# An amount after its ISO code, as business and wire copy write it: "NOK 32 billion", "CHF 1.2bn", "EUR 500m".
_CURRENCY_CODES = frozenset(
    [
        *("USD", "EUR", "GBP", "NOK", "SEK", "DKK", "CHF", "JPY", "CNY", "INR", "AUD", "CAD", "NZD", "HKD", "SGD"),
        *("ZAR", "BRL", "MXN", "RUB", "PLN", "KRW", "AED", "SAR", "TRY", "IDR", "THB", "EGP", "NGN", "KES"),
    ]
)
_MONEY_CODE = re.compile(rf"\b(?P<cur>{'|'.join(sorted(_CURRENCY_CODES))}) ?(?=\d){_MONEY_NUM}")
_MONEY_WORD = re.compile(
    rf"{_NUM}(?:\s+|-)(?:(?P<country>{'|'.join(name.title() for name in _COUNTRY_CURRENCIES)})\s+)?"
    rf"(?P<cur>{'|'.join(_CURRENCY_WORDS)}|cents?|pence)\b"
)
# Pence glued to their amount, as British prices are written: "4p a litre", "99p", share prices ("fell to 215p").
# Video resolutions ("1080p", "720p") are not pence.
_PENCE_GLUED = re.compile(
    r"\b(?:(?<=price of )|(?<=target of )|(?<=price to )|(?<=target to )|"
    r"(?!(?:144|240|360|480|576|720|1080|1440|2160|4320)p))(?P<num>\d{1,4}(?:\.\d{1,2})?)p\b(?![.'’]\w)"
)
# An earthquake's size: "a magnitude 6.4 earthquake", "a 7.1-magnitude quake", "the largest of magnitude 4.8".
_MAGNITUDE = re.compile(r"\b(?:[Mm]agnitude[-\s]+(?P<num>\d(?:\.\d)?)|(?P<before>\d(?:\.\d)?)[-\s]magnitude)\b")
# "25 percent", "a 25-percent cut", and the British press's "1.8pc" (glued: "10 pc" may be ten computers).
_PERCENT = re.compile(rf"{_NUM}(?:[\s-]?(?:%|per[\s-]?cent\b|percent\b)|(?<=\d)pc\b)")
# "60-70%", "between 60 and 70 percent", "5 to 7 per cent": the first number takes the unit the second one has.
_PERCENT_RANGE = re.compile(
    rf"{_NUM}(?P<join>\s?[-–]\s?|\s+(?:to|and)\s+)"
    + _NUM.replace("?P<num>", "?P<upper>").replace("?P<scale>", "?P<upper_scale>")
    + r"\s?(?:%|per\s?cent\b|percent\b)"
)
# Shares said in words, read as the percentages they are, so that "one in five" and "20%" compare: "one in five",
# "3 out of 10", "a third of", "two-thirds", "by a quarter", "half of the".
_PROPORTION = re.compile(
    rf"\b(?P<part>{_DIGITS}|{_WORD_NUMBER}\b)[ -](?:in|out of)[ -](?:every )?(?P<whole>{_DIGITS}\b|{_WORD_NUMBER}\b)"
)
_FRACTION_PARTS = {
    "half": 2,
    "third": 3,
    "quarter": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
_FRACTION = re.compile(
    r"\b(?:(?P<count>[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine)[\s-])?"
    rf"(?P<part>{'|'.join(f'[{part[0].upper()}{part[0]}]{part[1:]}' for part in _FRACTION_PARTS)})(?P<plural>s)?\b"
    r"(?P<of>\s+of\b)?"
)
# A share of a point is a move in a rate: "a quarter-point cut", "half a percentage point", "a quarter of a point".
_FRACTION_OF_A_POINT = re.compile(
    r"\b(?:(?P<part>[Qq]uarter|[Hh]alf)[\s-](?P<pp>percentage[\s-])?point|(?:a\s+)?(?P<part2>quarter|half)\s+"
    r"(?:of\s+)?an?\s+(?P<pp2>percentage\s+)?point)\b(?!s)"
)
_COMPARATIVE_AFTER = re.compile(r"\s+(more|higher|lower|less|fewer|bigger|larger|smaller|cheaper|dearer)\b")
# After "half": what makes it a share of something ("half of", "half the voters") rather than "half-time".
_BY_BEFORE = re.compile(r"\bby\s+(?:(?:about|nearly|almost|roughly|around|over|some|more than|less than)\s+)?$")
_DETERMINER = re.compile(r"(?:\s+of)?\s+(?:the\s+world[’']s|the|its|their|his|her|our|those|these|all)(?=\s)")
_HALF_OF = re.compile(r"\s+(?:of|the|its|their|his|her|our|those|these|all)\b")
# A result: a match score ("beat City 3-2", "a 2-1 win") or a vote ("voted 31 to 12", "a 52-48 vote"). A pair of
# numbers alone is as often a range ("5-10 minutes"), so a word of winning, losing or voting must stand near it.
_SCORE = re.compile(
    r"\b(?P<first>\d{1,3})(?P<votes>\s+votes?)?(?:\s?[-–]\s?|\s+to\s+)(?P<second>\d{1,3})\b"
    r"(?![-–.,]?\d|%|\s?per\s?cent)"
)
_SCORE_BEFORE = re.compile(
    r"\b(?:beat(?:s|en|ing)?|w[oi]n(?:s|ning)?|lost|los(?:e|es|ing)|dr[ea]w(?:s|n)?|led|lead(?:s|ing)?|trail(?:ed|ing|s)?|"
    r"defeat(?:s|ed)?|thrash(?:ed|es)?|edged?|overcame|vot(?:e|ed|es|ing)|margin|passed|approved|rejected|"
    r"rul(?:ed|ing)|sided|ended|finished|held|tied|levell?(?:ed|ing)|series)\b"
    r"[^.;:]{0,40}$",
    re.I,
)
_SCORE_AFTER = re.compile(
    r"\s*(?:(?:home|away|aggregate|first-leg|second-leg)\s+)?(?:win|victory|defeat|loss|draw|lead|vote|margin|"
    r"scoreline|majority|on aggregate|ruling|decision|verdict)\b",
    re.I,
)
# An age said with "aged": "people aged 65 and over", "a man aged 54", "those aged 18 to 24".
_AGED = re.compile(
    rf"\b(?P<verb>aged|turned|turns|turning|at\s+the\s+age\s+of)\s+(?:between\s+)?{_NUM}(?:(?:\s?[-–]\s?|\s+to\s+|\s+and\s+)(?P<upper>\d{{1,3}})\b)?(?:\s+(?P<age_unit>months?|weeks?|days?|years?)\b)?(?:\s+(?P<bound>and\s+(?:over|above|older|under|below|younger)|or\s+(?:over|older|more|under|younger)))?"
)
# An age set off by commas after a name or a noun: "John Marsh, 61, of Hull", "His wife, 58, was cleared".
_AGE_APPOSITIVE = re.compile(r"(?<=[A-Za-z], )(?P<num>\d{1,3}),\s(?!and\b|or\b)")
# After "turned 44": what shows the number is an age and not an amount the thing turned into.
_AGE_AFTER_TURNED = re.compile(r"\s*(?:[,.;)]|$|\s(?:last|this|next|on|in|at|years?\b|and|when|before|after))")
# A season said relative to the published date: "last summer", "this spring", "next autumn". Winter, which spans
# two years, is left alone.
_SEASON = re.compile(r"\b(?P<rel>last|this|next|Last|This|Next)\s+(?P<season>summer|spring|autumn|fall)\b")
_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
# A decade: "the 1950s", "since the 1990s".
_DECADE = re.compile(r"\b(?P<year>(?:1[89]|20)\d0)s\b")
# A quarter of a year: "the third quarter", "first-quarter profit", "Q3", "Q4 2023", "the second quarter of 2021".
_QUARTER_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_QUARTER = re.compile(
    r"\b(?:(?P<ord>[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|1st|2nd|3rd|4th)[\s-]quarter|Q(?P<q>[1-4]))\b"
    r"(?:(?:\s+of)?\s+(?P<year>(?:19|20)\d{2})\b|\s+of\s+(?P<yrel>this|next|last)\s+year\b)?"
)
_QUARTER_Q = re.compile(r"\bQ[1-4]\b")
# A quarter named by its last month, as Australian and Indian reports do: "in the December quarter".
_MONTH_QUARTER = re.compile(r"\b(?P<month>March|June|September|December)\s+quarter\b(?:\s+(?P<year>(?:19|20)\d{2})\b)?")
# A quarter named by its months: "the first three months of the year", "the final three months of last year".
_QUARTER_AS_MONTHS = re.compile(
    r"\b[Tt]he\s+(?P<edge>first|final|last)\s+three\s+months\s+of\s+"
    r"(?:(?P<year>(?:19|20)\d{2})\b|(?P<yrel>this|next|last)\s+year\b|the\s+year\b)"
)
# A year's end is its December: "two more cuts by the end of the year", "at the end of next year", "by year-end".
_YEAR_END = re.compile(r"\b(?:[Tt]he\s+end\s+of\s+(?:the|this|(?P<yrel>next|last))\s+year|[Yy]ear[- ]end)\b")
_FISCAL_BEFORE = re.compile(r"\b(?:fiscal|financial)\s+(?:year\s+)?$", re.I)
# How many times as much: "twice as high", "more than double", "doubled", "three times as many", "a fivefold rise".
_MULTIPLE_WORDS = {
    "twice": 2.0,
    "double": 2.0,
    "doubled": 2.0,
    "doubling": 2.0,
    "doubles": 2.0,
    "triple": 3.0,
    "tripled": 3.0,
    "tripling": 3.0,
    "treble": 3.0,
    "trebled": 3.0,
    "quadrupled": 4.0,
    "halved": 0.5,
    "halving": 0.5,
}
_MULTIPLE_WORD = re.compile(rf"\b(?P<word>{_trie_alternation(_both_cases(list(_MULTIPLE_WORDS)))})\b")
_MULTIPLE_TIMES = re.compile(rf"{_NUM}(?:\s+times|-?fold|(?<=\d)x)\b")
# What makes "twice", "double" or "N times" a multiple and not a count of occasions ("elected twice", "three times a
# week") or a kind of thing ("a double room"): a comparison after it, or a hedge or verb of change before it.
# "twice as many" compares, while "scores twice as Town win" and "twice as the clock ran down" join a clause.
_MULTIPLE_AFTER = re.compile(
    r"\s+(?:as\s+(?![A-Z]|(?:the|a|an|he|she|it|they|we|i|you|his|her|their|its)\b)|the\b|that\b|its\b|"
    r"their\b|his\b|her\b|what\b|more\b|less\b|higher\b|lower\b|larger\b|bigger\b|greater\b|faster\b|"
    r"slower\b|longer\b|cheaper\b|over\b|since\b|last\s+year['’]s\b)"
)
_MULTIPLE_BEFORE = re.compile(
    r"\b(more\s+than|less\s+than|at\s+least|up\s+to|nearly|almost|about|roughly|around|over|some)\s+$", re.I
)
_MULTIPLE_NOT_AFTER = re.compile(r"\s+(?:down|up|back|over)\b")
# An amount per period after money, a count or a quantity: "£35,000 a year", "160,000 vehicles a day", "2m barrels
# per day", "$5bn annually". Not "a year ago", "a day earlier".
# Per unit too, as prices are quoted: "28.62p per kilowatt hour", "£1.45 a litre", "$3.10 a gallon".
_PER_PERIOD = re.compile(
    r"\s+(?:(?:a|an|per|each|every)\s+(?:diluted\s+|basic\s+)?(?P<period>year|month|week|day|hour|night|share|barrel|ounce|tonne|head|"
    r"person|game|minute|second|kilowatt[\s-]hour|kWh|megawatt[\s-]hour|MWh|litre|liter|gallon|mile|kilometre|km|"
    r"passenger|household|pupil|violation|offence|offense|vehicle|employee|worker|student|patient|ticket|user|"
    r"subscriber|customer|member|visitor|unit)\b(?!\s+(?:ago|earlier|later|before|after|from\s+(?:now|today|then))\b)"
    r"|(?P<adverb>annually|yearly|monthly|weekly|daily|hourly)\b)"
)
_PER_UNIT_NAMES = {
    "kilowatt hour": "kWh",
    "kilowatt-hour": "kWh",
    "megawatt hour": "MWh",
    "megawatt-hour": "MWh",
    "liter": "litre",
    "kilometre": "km",
}
_PERIOD_OF_ADVERB = {
    "annually": "year",
    "yearly": "year",
    "monthly": "month",
    "weekly": "week",
    "daily": "day",
    "hourly": "hour",
}
# A rate: "8.2 per 100,000 people", "412 offences per 100,000 residents", "3 deaths per thousand births".
_RATE = re.compile(
    rf"{_NUM}\s+(?P<counted>(?:[a-z][a-z-]*\s+){{0,2}})per\s+(?P<base>{_DIGITS}\b|hundred\b|thousand\b|million\b)"
)
_PER_WORD = re.compile(r"\sper\s")
_RATE_BASES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6}
_RANK = re.compile(rf"\b{_ORDINAL}[-\s]{_SUPERLATIVE}\b")
_DURATION = re.compile(
    rf"{_NUM}(?P<half>\s+and\s+a\s+half)?[\s-](?:(?:straight|consecutive|successive|full|more|further|additional|extra|working|calendar|business|school|trading|Earth)\s)?(?P<unit>year|month|week|day|hour|minute|second|decade|centur(?:y|ie))s?(?:-long|(?P<old>-olds?|\s+olds?)|\s+long)?\b"
)
# Telephone numbers ("0300 123 2040", "+44 20 7946 0018", "(555) 123-4567") are set aside before any reader, so
# that their digits give no numbers or years.
_PHONE = re.compile(
    r"\+\d{1,3}(?:[\s-]?\(?\d{1,4}\)?){2,4}\b|\b0\d{2,4}[\s-]\d{3,4}[\s-]?\d{3,4}\b"
    r"|\(\d{3}\)\s?\d{3}[-\s]\d{4}\b|\b\d{3}-\d{3}-\d{4}\b"
)
# Times of day ("11:42 GMT", "6:15 a.m.", "9pm", "10.30pm") are set aside too: when something happened is in the
# date; the hour and minute are no numbers to check.
# A time taken, hours to seconds ("running 2:00:35"), or a pace ("2:51 per kilometre"); a clock reads "at 10:32".
_ELAPSED_TIME = re.compile(
    r"\b(?:(?P<hours>\d{1,2}):(?P<minutes>[0-5]\d):(?P<seconds>[0-5]\d)\b(?![:.]?\d|\s?(?:[ap]\.?m\b|GMT|UTC|BST|local))"
    r"|(?P<pace_minutes>\d{1,2}):(?P<pace_seconds>[0-5]\d)(?=\s+(?:per|a|an)\s+(?:kilometre|kilometer|km|mile|lap)\b))"
)
_PACE_PER = re.compile(r"\s+(?:per|a|an)\s+(?P<per>kilometre|kilometer|km|mile|lap)\b")
_PACE_DISTANCE = {"kilometre": "km", "kilometer": "km"}
_TIME_OF_DAY = re.compile(
    r"\b(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s?[ap]\.?m\b\.?)?|\b(?:1[0-2]|0?[1-9])(?:[.:][0-5]\d)?\s?[ap]\.?m\b\.?"
)
_ONE_DAY_AS_ADVERB = re.compile(r"[Oo]ne day")
_MODALS = frozenset(["could", "would", "will", "may", "might", "should", "can", "must", "shall"])
# "the second half of 2027", "the first half of this year": a half of a year, as "2027-H2". "The second half of
# fiscal 2027" and "the first half of the season" are parts of periods this cannot name: neither a rank nor 50
# percent, and a year in them is read on its own.
_FIRST_OR_SECOND_HALF = re.compile(
    r"\b(?P<ord>[Ff]irst|[Ss]econd|1st|2nd)\s+half\s+of\b"
    r"(?:\s+(?P<year>(?:19|20)\d{2})\b|\s+(?P<yrel>this|next|last)\s+year\b|\s+the\s+year\b)?"
)
# Decades and centuries counted by an article rather than a number: "a decade", "the past decade", "half a century".
_DURATION_WORDED = re.compile(
    r"\b(?:(?P<half>[Hh]alf\s+a)|[Tt]he\s+(?:past|last|previous|next|coming)|[Aa])\s+(?P<unit>decade|century)\b(?!-)"
    # "over the past year": a span; "the last year" is as often the final one, and "the previous year" a date.
    r"|\b[Tt]he\s+past\s+(?P<short>year|month|week|fortnight)\b(?!-)"
)
# "A year ago", "a decade ago": one unit back from the published date.
_A_SPAN_AGO = re.compile(r"\b(?P<span>[Aa]n?\s+(?P<unit>year|month|week|day|decade|century))\s+ago\b")
# One of a shorter unit, counted by its article after "for": "free for a year", "closed for a week".
_FOR_A_SPAN = re.compile(
    r"\b[Ff]or\s+(?P<span>an?\s+(?P<unit>year|month|week|day|fortnight))\b(?![’'-]|\s+(?:or|and|off|out)\b)"
)
# The lower end of a range of durations or quantities ("20 to 30 years", "5-10 minutes", "between 3 and 5 km"):
# the upper end, read by _DURATION or _QUANTITY, gives both ends their unit.
# "every three or four years" gives both ends too.
_RANGE_LOWER = re.compile(rf"{_NUM}(?P<join>\s?[-–]\s?| +to +| +or +)(?=\d|[a-z])")
_RANGE_BETWEEN = re.compile(rf"\b[Bb]etween +{_NUM}(?P<join> +and +)(?=\d|[a-z])")
# Units as written, matched through a trie: a long alternation of units tried at every number is the costliest part
# of the pattern otherwise. Each spelling, lower-cased with its spaces collapsed, is a key of _UNITS.
_UNIT_SPELLINGS = [
    *("MP", "megapixel", "megapixels", "mm", "millimeters", "millimetres", "cm", "GB", "TB", "MB", "mAh"),
    *("GHz", "MHz", "Hz", "W", "watts", "kg", "kilogram", "kilograms", "km/h", "kph", "km²", "km", "kilometer"),
    *("kilometers", "kilometre", "kilometres", "meter", "meters", "metre", "metres", "mile", "miles", "mph"),
    *("light-year", "light-years", "light years"),
    *("feet", "foot", "ft", "tonne", "tonnes", "ton", "tons", "lb", "lbs", "liter", "liters", "litre", "litres"),
    *("gallon", "gallons", "barrel", "barrels", "acre", "acres", "hectare", "hectares", "square miles"),
    *("square mile", "square kilometres", "square kilometers", "square kilometre", "square kilometer", "sq km"),
    *("square metres", "square meters", "square feet", "sq ft", "kWh", "MWh", "GWh", "TWh", "kW", "MW", "GW"),
    *("°C", "°F", "degrees Celsius", "degrees Fahrenheit", "basis points", "basis point", "bps"),
    *("percentage points", "percentage point", "inch", "inches", "″", "ppm", "parts per million", "ppb"),
    *("parts per billion", "C", "F", "nm", "nits", "nit", "g", "gram", "grams", "mg", "milligram", "milligrams"),
    *("ml", "millilitre", "millilitres", "milliliter", "milliliters", "points", "point", "yards", "yard"),
    *("in", "square-foot", "square-metre", "nanograms", "nanogram", "micrograms", "microgram"),
    *("frames per second", "fps", "basis-point", "micrograms per cubic metre", "micrograms per cubic meter"),
    *("µg/m³", "µg/m3"),
]
_QUANTITY = re.compile(rf"{_NUM}\s?-?\s?(?P<unit>{_trie_alternation(_UNIT_SPELLINGS)})(?![\w²]|/(?!\d))")
_ORDINAL_PLAIN = re.compile(rf"\b{_ORDINAL}\b")
# A placing, which needs no noun after its ordinal: "finished seventh", "came in second", "is ranked fourth".
_PLACING_BEFORE = re.compile(
    r"\b(?:(?:finish(?:ed|es|ing)?|came|comes|placed|ranked|ranks|sits|sat|lies|lay|seeded)\s+(?:in\s+)?"
    # A move in a table: "rose one place to second", "slipped two places to fifth", "down to third".
    r"|(?:rose|rises|climbed|climbs|moved|moves|jumped|fell|falls|slipped|slips|dropped|drops|slid|up|down|back)"
    r"\s+(?:\w+\s+places?\s+)?to\s+)$"
)
# A placing stated with "is" or "was": "Imperial is eighth", "Stanford, which was second last year".
_AFTER_A_PLACING = re.compile(r"\s*(?:[,.;)]|$|\s+(?:in|last|this|behind|with|on|at|overall)\b)")
# Two units of one span: "an hour and 24 minutes" (84 minutes), "six years and eight months" (80 months).
_DURATION_COMPOUND = re.compile(
    rf"\b(?P<first>[Aa]n?|{_DIGITS}|{_WORD_NUMBER})\s+(?P<large>hour|year|minute)s?,?\s+and\s+"
    rf"(?P<second>{_DIGITS}|{_WORD_NUMBER})\s+(?P<small>minute|month|second)s?\b"
)
_SMALLER_UNITS = {("hour", "minute"): 60, ("year", "month"): 12, ("minute", "second"): 60}
# A place in a ranking said as a number: "rise to number two in the world rankings", "the world No. 3".
_NUMBER_RANK = re.compile(rf"\b(?:[Nn]umber|No\.)\s+(?P<num>\d{{1,3}}|{_WORD_NUMBER})\b")
_RANKING_AFTER = re.compile(r"[^.;]{0,30}\branking")
_COMMON_NOUN_AFTER = re.compile(r" [a-z]{2,}\b")
# A record is a superlative of its own: "a record 57.8 billion tonnes", "a record high", "an all-time low".
_RECORD = re.compile(
    r"\b(?:[Rr]ecord|all-time)[\s-](?P<direction>high|low)s?\b"
    r"|\b[Aa]n?\s+record\b(?=\s+[\d$£€]|\s+(?:number|level|amount|total|turnout|year)\b)"
)
# An age group named by its bound: "over-65s", "the under-18s".
_AGE_GROUP = re.compile(r"\b(?P<bound>[Oo]ver|[Uu]nder)-(?P<num>\d{1,3})s\b")
# "people over 65", "children under five", "customers aged over 80": the people of an age, by a bound. The pattern
# starts at the space before the bound, which the regex engine skips to; the people are looked for just before it
# (a search that opened with their words would be tried at every character).
_PEOPLE_OF_AN_AGE = re.compile(
    rf"\s(?P<bound>over|under|above|below)\s+(?:the\s+age\s+of\s+)?{_NUM}"
    r"(?![\w%]|[.,]\d|\s(?:hundred|thousand|million|billion|trillion)\b)"
)
_PEOPLE_BEFORE = re.compile(
    r"\b(?P<who>(?i:people|adults|those|patients|residents|women|men|children|pensioners|voters|drivers|workers|"
    r"customers))(?P<aged>\s+aged)?$"
)
# A lens's aperture: "an f/1.6 lens".
_APERTURE = re.compile(r"\bf/(?P<num>\d{1,2}(?:\.\d{1,2})?)\b(?!/)")
_COUNT = re.compile(rf"{_NUM}\s+(?P<noun>[a-z][a-z\-]*)\b")
# "a 14-match winless run", "the 27-member bloc": a count written onto its noun, which then qualifies another.
_COUNT_COMPOUND = re.compile(rf"\b(?P<num>{_DIGITS}|{_WORD_NUMBER}\b)(?P<scale>)-(?P<noun>[a-z]+)\b(?=\s[A-Za-z])")
# Compounds that are not counts of their noun: "a 2,000-strong crowd", "30-odd", "a two-way race", "one-off".
_NOT_COUNTED_AFTER_HYPHEN = frozenset(
    ["strong", "odd", "plus", "some", "something", "fold", "old", "way", "off", "time", "like", "fourths"]
)
_AND_THEN_PLURAL = re.compile(r"\s+(?:and|or)\s+[a-z]+\s+(?P<noun>[a-z]{2,}[^s\W]s)\b")
# "seven short of a majority", "three clear at the top": a margin, not a count of anything.
_MARGIN_WORDS = frozenset(["short", "clear"])
_CURRENCY_IN_COMPOUND = {"dollar": "USD", "euro": "EUR"}
_NUMBER = re.compile(_NUM)
_SUPERLATIVE_PLAIN = re.compile(rf"\b{_SUPERLATIVE}\b")
# "more than", and with what is compared between: "more officers than", "higher unemployment than".
_COMPARISON = re.compile(
    r"\b(?P<cmp>(?:M|m)ore|less|fewer|greater|higher|lower|larger|bigger|smaller|cheaper|faster|slower|better|worse|"
    r"older|newer|longer|shorter)\s+(?:(?P<compared>[a-z]+(?:\s[a-z]+)?)\s+)?than\b"
)
# Words and phrases that put a sentence in the future or the past, for dates that do not say their year. Looked up
# in the set of the sentence's lower-cased words: a case-insensitive search for either list crawls the sentence.
_FUTURE_WORDS = frozenset(
    [
        *("will", "shall", "expected", "expect", "expects", "upcoming", "soon"),
        # A timetable in the present tense: "the window closes on Monday", "the trial begins in March".
        *("closes", "opens", "reopens", "starts", "begins", "ends", "resumes", "meets", "expires"),
    ]
)
_FUTURE_PHRASES = (
    *("is set to", "are set to", "to be launched", "to launch", "plan to", "plans to", "going to", "forecast to"),
    *("due to be", "is due to", "are due to", "scheduled to", "predicted to", "projected to", "tipped to"),
    # A decision or a promise looks ahead, whatever the tense of its verb: "voted to strike from 7 December".
    *("voted to", "agreed to", "decided to", "promised to", "pledged to", "vowed to", "threatened to"),
    *("aims to", "intends to", "planned to", "is to be", "are to be"),
)
_PAST_WORDS = frozenset(
    [
        *("was", "were", "had", "did", "ago", "launched", "released", "announced", "unveiled", "began", "ended"),
        *("reached", "rose", "fell", "grew", "dropped", "climbed", "hit", "topped", "recorded", "reported", "posted"),
        *("signed", "opened", "closed", "won", "lost", "died", "voted", "approved", "passed", "sold", "bought"),
        *("fled", "took", "came", "went", "said", "told", "became", "killed", "arrested", "charged", "met", "gave"),
        # The past tenses of figures as news reports them: "unemployment stood at 4.0% in December".
        *("stood", "led", "paid", "spent", "brought", "built", "sent", "saw"),
        *("ran", "struck", "caused", "increased", "decreased", "declined", "jumped", "slipped", "surged", "slumped"),
        *("peaked", "averaged", "totalled", "totaled", "rebounded", "eased", "shrank", "contracted", "expanded"),
        *("added", "raised", "lowered", "published", "issued", "confirmed", "revealed", "estimated", "counted"),
    ]
)
_FUTURE_TENSE, _PAST_TENSE = "future", "past"
_FUTURE_PHRASE = re.compile("|".join(map(re.escape, _FUTURE_PHRASES)))
# "up from nine in December": the earlier figure of a change, and so the past.
_PAST_PHRASE = re.compile(r"\b(?:up|down)\s+from\b")
# What ends a clause for the tense of the dates in it: commas and colons that are not inside a number ("1,000",
# "11:42"), semicolons, brackets, dashes, quotation marks ("… in July!” the company said: "said" is not the tense of
# July) and an exclamation or question inside the sentence.
_CLAUSE_BREAK = re.compile(r",(?!\d)|:(?!\d)|[;()—–“”\"!?]|\s-\s")
# "In March,", "By the end of July,": a clause that opens the sentence with one of these words and holds at most
# this many words is an adverbial of the clause after it.
_OPENING_CLAUSE_WORDS = 6
_OPENING_ADVERBIAL_WORDS = frozenset(
    [
        *("in", "on", "by", "since", "from", "until", "till", "during", "at", "after", "before", "through"),
        *("throughout", "last", "next", "this", "early", "late", "earlier", "later", "back", "as", "between"),
        *("within", "for", "prior", "ahead", "around", "about", "up"),
    ]
)
_LOWER_WORD = re.compile(r"[a-z]+")
# "Xiaomi 12 Ultra", "Snapdragon 8+ Gen 1": what follows a number that belongs to a name.
_NAME_AFTER = re.compile(r"\+|\s*(?:[A-Z][a-z]*|[IVX]+)\b")
# The names may be models with digits: "20 F-35 jets", "12 A320 aircraft".
_NAMES_THEN_PLURAL = re.compile(
    r"(?:\s+(?:[A-Z][a-z]+|[A-Z][A-Za-z]?-?\d{2,4}[a-z]?)){1,3}\s+(?P<noun>[a-z]+[^s\W]s|people|aircraft)\b"
)
_DETERMINERS = frozenset(["the", "a", "an", "its", "their", "his", "her", "our", "my", "your", "this", "that"])
_MAY_AS_VERB = re.compile(r"\s+(?:I|we|you|be|have|not)\b")
# Words that may stand before a number at the start of a clause without making it part of a product name.
_NOT_A_NAME = frozenset(
    [
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "of",
        "over",
        "about",
        "around",
        "nearly",
        "almost",
        "some",
        "only",
        "just",
        "the",
        "a",
        "an",
        "with",
        "to",
        "and",
        "or",
        "but",
        "as",
        "since",
        "until",
        "after",
        "before",
        "during",
        "under",
        "up",
        "than",
        "its",
        "their",
        "his",
        "her",
        "our",
    ]
)


_NUMBER_WORD, _ORDINAL_WORD, _SUPERLATIVE_WORD = "number", "ordinal", "superlative"
_MONTH_WORD, _WEEKDAY_WORD, _FRACTION_WORD, _CURRENCY_WORD_KIND = "month", "weekday", "fraction", "currency"
# The words a fact pattern can start with, besides digits; each belongs to one kind. Month and weekday names are
# found by the same scan, rather than by one more scan of every sentence.
_TRIGGER_KIND = (
    dict.fromkeys([*_both_cases(_SMALL), *_both_cases(_TENS), "dozen"], _NUMBER_WORD)
    | dict.fromkeys(_both_cases(_ORDINAL_WORDS), _ORDINAL_WORD)
    | dict.fromkeys([*_SUPERLATIVE_WORDS.split(), "most", "least"], _SUPERLATIVE_WORD)
    | dict.fromkeys(_MONTH_NUMBER, _MONTH_WORD)
    | dict.fromkeys(_WEEKDAYS, _WEEKDAY_WORD)
    | dict.fromkeys(
        _both_cases(["half", "quarter", *(part + "s" for part in _FRACTION_PARTS if part != "half")]), _FRACTION_WORD
    )
    # "soles", "yen": found by this scan, which costs less than searching every sentence for them again.
    | dict.fromkeys(
        [name for name in _CURRENCY_WORDS if name not in ("dollars", "euros", "pounds")], _CURRENCY_WORD_KIND
    )
)
_TRIGGER_WORD_AT_START = re.compile(rf"(?:{_trie_alternation(list(_TRIGGER_KIND))})\b")
# Inside a sentence a word starts after a non-word character: leading with that character set lets the engine skip
# from one space or punctuation mark to the next instead of trying the trie at every letter.
# One scan for both: a whole run of digits (the first digit of a run is always reached before the rest), or a trigger
# word after the non-word character, in group 1.
_TRIGGER = re.compile(rf"[\W\d](?:(?<=\d)\d*|(?<=\W)({_TRIGGER_WORD_AT_START.pattern}))")
# The same scan for ASCII text (nearly all of it), a third faster: ranges, not Unicode category tests.
_ASCII_TRIGGER = re.compile(rf"[^A-Za-z_](?:(?<=[0-9])[0-9]*|(?<=[^A-Za-z0-9_])({_TRIGGER_WORD_AT_START.pattern}))")
_DURATION_UNIT = re.compile("year|month|week|day|hour|minute|second|decade|centur")


def _has_multiple_word(text: str) -> bool:
    # Substring tests, a fast C scan each; the words are rare enough not to be worth a place in the trigger scan.
    return "oubl" in text or "wice" in text or "ripl" in text or "rebl" in text or "alv" in text or "uadrupl" in text


def _has_season_word(text: str) -> bool:
    return "ummer" in text or "pring" in text or "utumn" in text or "fall" in text


def _has_day_word(text: str) -> bool:
    return (
        "oday" in text
        or "esterday" in text
        or "omorrow" in text
        or "onight" in text
        or "last night" in text
        or "this morning" in text
        or "this afternoon" in text
        or "this evening" in text
    )


def _has_money_words(text: str) -> bool:
    if "dollars" in text or "euros" in text or "pounds" in text:
        return True
    return ("cent" in text or "pence" in text) and _CENTS_HINT.search(text) is not None


# What stands between the two numbers of a score or a tally, as in _SCORE, for that pattern's gate.
_SCORE_JOIN = re.compile(r"(?:\s+votes?)?(?:\s?[-–]\s?|\s+to\s+)")
_CENTS_HINT = re.compile(r"[\s-]cent|[\s-]pence")
# The upper end of a range of amounts after the lower one: " to $4.25", "-£12".
# The upper end of a range of amounts, which carries the scale for both when it has one: "-25 billion" in "$20-25
# billion", "-25" in "$20-25".
_SCALED_UPPER_END = re.compile(
    r"\s?(?:to|-|–)\s?(?P<symbol>[$£€₹])?(?P<num>\d[\d,]*(?:\.\d+)?)"
    r"(?:\s?(?P<scale>bn|mn|m|k|million|billion|trillion)\b|(?![\d,.]?\d|\s?(?:%|per\s?cent|percent)|[\w-]))"
)
_MONEY_RANGE_TAIL = re.compile(
    r"\s*(?:to|-|–|and)\s*(?:[$£€₹]|Rs\.?\s?)?\d[\d,.]*(?:\s?(?:bn|m|k|million|billion|trillion|cents?|pence)\b)?"
)


def extract_facts(text: str, *, offset: int = 0, published: date | None = None) -> list[Fact]:
    """Facts in one sentence ``text``; spans are shifted by ``offset`` so they index the full article text."""
    triggers = _Triggers(text)
    if not triggers.any:
        return []
    reader = _SentenceReader(text, offset, published)
    gates = triggers.starts_per_reader()
    # Most gates are empty: compress and filter step over them in C, in step with each other.
    for (pattern, build), starts in zip(compress(_READERS, gates), filter(None, gates), strict=True):
        for match in _matches(pattern, text, starts):
            reader.read(match, build)
    found = sorted(reader.facts, key=_reading_order)
    if " from " in text or " fewer than" in text or " more than" in text or " of " in text:
        found = _earlier_figures_in_their_unit(found, text, offset)
    return found


_CHANGED_AMOUNTS = frozenset(["count", "quantity", "percent", "money"])
_BENCHMARK_OF = re.compile(r"\b(?:limit|average|target|threshold|ceiling|benchmark|norm)\s+of\s+$")


def _earlier_figures_in_their_unit(found: list[Fact], text: str, offset: int) -> list[Fact]:
    """ "3,000 nits, up from 2,400": the earlier figure of a change is in the unit of the figure it changed to,
    which the text does not repeat; a bare number after "up from" takes the amount before it. So does a difference
    of counts ("employed 61,400 people, about 3,200 fewer than a year earlier"), though not of money, whose scale
    may be left out ("$4bn, 300 more than expected")."""
    out: list[Fact] = []
    for fact in found:
        if fact.type == "money" and " per " not in fact.unit and text.endswith(" from ", 0, fact.start - offset):
            # "fell to $60 a barrel, from $68": the earlier price is per barrel too; not after "rose to $1.96bn, or
            # $2.31 a share, from $1.4bn", whose amounts before it are in two units.
            earlier = {amount.unit for amount in out if amount.type == "money"}
            if len(earlier) == 1 and (unit := earlier.pop()).startswith(fact.unit + " per "):
                fact = replace(fact, unit=unit)
        if fact.type != "number":
            out.append(fact)
            continue
        changes = text.endswith(("up from ", "down from "), 0, fact.start - offset)
        differs = not changes and text.startswith((" fewer than", " more than"), fact.end - offset)
        # "46 micrograms per cubic metre, above the legal limit of 40": a benchmark in the unit of the figure.
        benchmark = _BENCHMARK_OF.search(text, max(0, fact.start - offset - 24), fact.start - offset) is not None
        if benchmark:
            measured = next((earlier for earlier in reversed(out) if earlier.type in ("quantity", "rate")), None)
            if measured is not None:
                fact = replace(fact, type=measured.type, unit=measured.unit, subject=measured.subject)
        elif changes or differs:
            changed = next((earlier for earlier in reversed(out) if earlier.type in _CHANGED_AMOUNTS), None)
            if changed is not None and (changes or changed.type == "count"):
                fact = replace(fact, type=changed.type, unit=changed.unit, subject=changed.subject)
        out.append(fact)
    return out


def _reading_order(fact: Fact) -> tuple[int, int, str]:
    return fact.start, fact.end, fact.type


class _WholeSentence:
    """The gate that lets a pattern search the whole sentence; true, as every open gate is."""

    __slots__ = ()


# A reader's candidate starts: _FULL_SCAN lets its pattern search the whole sentence, () skips the pattern.
_FULL_SCAN = _WholeSentence()


def _matches(pattern: re.Pattern, text: str, starts: list[int] | _WholeSentence):
    """What ``pattern.finditer(text)`` yields, trying the pattern only at ``starts``.

    Exact as long as every position where the pattern can match is in ``starts`` (sorted): a search from a position
    returns the match at the first start from there on that matches, and no pattern here matches the empty string.
    """
    if starts is _FULL_SCAN:
        yield from pattern.finditer(text)
        return
    resume = 0
    for start in starts:
        if start >= resume:
            match = pattern.match(text, start)
            if match is not None:
                resume = match.end()
                yield match


class _Triggers:
    """Where a sentence's facts can start, from two fast scans, so that each pattern runs only where it can match.

    Most patterns begin at a word boundary, which keeps Python's regex engine from skipping ahead to a likely first
    character: searched over a whole sentence they crawl. The two scans here start with a plain character set, which
    the engine does skip to; the patterns are then tried only at the digits and trigger words found.
    """

    __slots__ = (
        "any",
        "digit_runs",
        "digit_starts",
        "has_currency_word",
        "has_fraction",
        "has_month",
        "month_starts",
        "numbers",
        "ordinals",
        "superlatives",
        "text",
        "weekday_starts",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        self.digit_runs: list[tuple[int, int]] = []
        digit_starts: list[int] = []
        number_words: list[int] = []
        ordinal_words: list[int] = []
        self.superlatives: list[int] = []
        self.month_starts: list[int] = []
        self.weekday_starts: list[int] = []
        self.has_fraction = False
        self.has_currency_word = False
        first = _TRIGGER_WORD_AT_START.match(text)
        hits = [(0, first.group())] if first else []
        for match in (_ASCII_TRIGGER if text.isascii() else _TRIGGER).finditer(text):
            word = match.group(1)
            if word is None:
                self.digit_runs.append(match.span())
                digit_starts.append(match.start())
            else:
                hits.append((match.start(1), word))
        for start, word in hits:
            kind = _TRIGGER_KIND[word]
            if kind is _NUMBER_WORD:
                # "a dozen" is a number of its own, and it starts at the "a" that the scan does not look for.
                if word == "dozen" and text.startswith("a ", start - 2) and start >= 2:
                    number_words.append(start - 2)
                number_words.append(start)
            elif kind is _ORDINAL_WORD:
                ordinal_words.append(start)
                self.has_fraction = self.has_fraction or word.lower() in _FRACTION_PARTS
            elif kind is _SUPERLATIVE_WORD:
                self.superlatives.append(start)
            elif kind is _MONTH_WORD:
                self.month_starts.append(start)
            elif kind is _FRACTION_WORD:
                self.has_fraction = True
            elif kind is _CURRENCY_WORD_KIND:
                self.has_currency_word = True
            else:
                self.weekday_starts.append(start)
        self.digit_starts = digit_starts
        self.numbers = sorted(digit_starts + number_words) if number_words else digit_starts
        self.ordinals = sorted(digit_starts + ordinal_words) if ordinal_words else digit_starts
        self.has_month = bool(self.month_starts)
        self.any = bool(
            self.numbers
            or self.ordinals
            or self.superlatives
            or self.has_month
            or self.weekday_starts
            or self.has_fraction
            or _has_multiple_word(text)
            or ("Q" in text and _QUARTER_Q.search(text) is not None)
            or _has_season_word(text)
            or "than" in text
            or "year" in text
            or "month" in text
            or "Christmas" in text
            or "Halloween" in text
            or "Day" in text
            or "Eve" in text
            or "or a " in text
            or "following" in text
            or " ago" in text
            or _has_day_word(text)
            or "decade" in text
            or "century" in text
            or "ecord" in text
            or "all-time" in text
            or "$" in text
            or "€" in text
            or "£" in text
        )

    def currency_code_starts(self) -> list[int]:
        """Where an ISO currency code stands right before a run of digits ("NOK 32", "CHF1.2bn")."""
        text, starts = self.text, []
        for start in self.digit_starts:
            code_start = start - 4 if text[start - 1 : start] == " " else start - 3
            if code_start >= 0 and text[code_start : code_start + 3] in _CURRENCY_CODES:
                starts.append(code_start)
        return starts

    def may_hold_a_phone_number(self) -> bool:
        """Three runs of digits at least, one of them opening with 0 or led by "+" or "(" (a cheap test first)."""
        runs = self.digit_runs
        if len(runs) < 3:
            return False
        text = self.text
        return "+" in text or "(" in text or any(text[start] == "0" and end - start >= 3 for start, end in runs)

    def may_hold_a_compound_duration(self) -> bool:
        text = self.text
        return (
            ("hour" in text and "minute" in text)
            or ("year" in text and "month" in text)
            or ("minute" in text and "second" in text)
        )

    def has_digits_before(self, suffix: str) -> bool:
        """Whether a run of digits is written onto ``suffix`` ("3.5x")."""
        return any(self.text.startswith(suffix, end) for _, end in self.digit_runs)

    def has_joined_numbers(self) -> bool:
        """Whether two runs of digits stand as a score does ("3-2", "31 to 12")."""
        text = self.text
        return any(_SCORE_JOIN.fullmatch(text, end, start) for (_, end), (start, _) in pairwise(self.digit_runs))

    def starts_per_reader(self) -> tuple[list[int] | _WholeSentence, ...]:
        """Candidate starts for each of _READERS, in order; each gate is text its pattern cannot match without."""
        text, numbers, skip = self.text, self.numbers, ()
        digit_starts = self.digit_starts
        has_year_digits = any(end - start == 4 for start, end in self.digit_runs)
        month_scan = _FULL_SCAN if self.has_month else skip
        quarter_starts = skip
        if "quarter" in text or "Q" in text:
            quarter_starts = sorted(self.ordinals + [match.start() for match in _QUARTER_Q.finditer(text)])
        return (
            _FULL_SCAN if self.may_hold_a_phone_number() else skip,  # 0300 123 2040
            digit_starts if ":" in text else skip,  # 2:00:35, 2:51 per kilometre
            digit_starts if ":" in text or "am" in text or "pm" in text or ".m" in text else skip,  # 11:42, 9pm
            _FULL_SCAN if self.has_fraction and "half of" in text else skip,  # the second half of
            _FULL_SCAN if "1/" in text else skip,  # sensor format
            _FULL_SCAN if "inch" in text and ("type" in text or "sensor" in text) else skip,  # a 1-inch type sensor
            _FULL_SCAN if "f/" in text else skip,  # f/1.6
            _FULL_SCAN if "agnitude" in text else skip,  # magnitude 6.4
            digit_starts if "-" in text else skip,  # ISO date
            digit_starts if "-" in text or "–" in text or "/" in text else skip,  # 2021-22
            quarter_starts,  # the third quarter, Q3
            _FULL_SCAN if "three months of" in text else skip,  # the first three months of the year
            self.month_starts if "quarter" in text else skip,  # the December quarter
            digit_starts if has_year_digits and "0s" in text else skip,  # the 1950s
            _FULL_SCAN if _has_season_word(text) else skip,  # last summer
            digit_starts if self.has_month else skip,  # 5 May 2022
            self.month_starts,  # May 5, 2022
            self.month_starts,  # May 2022
            digit_starts if self.has_month else skip,  # 28 May
            self.month_starts,  # May 28
            _FULL_SCAN if "Christmas" in text or "Day" in text or "Eve" in text or "Halloween" in text else skip,
            self.weekday_starts,  # on Thursday
            month_scan,  # next May
            _FULL_SCAN if "ear-end" in text or "ear end" in text or "end of" in text else skip,  # the end of the year
            _FULL_SCAN if has_year_digits or "year" in text else skip,  # in 2021, last year
            _FULL_SCAN if "month" in text else skip,  # last month
            _FULL_SCAN if _has_day_word(text) else skip,  # yesterday
            _FULL_SCAN if "$" in text or "€" in text or "£" in text or "₹" in text or "Rs" in text else skip,  # money
            self.currency_code_starts(),  # NOK 32 billion
            numbers if self.has_currency_word or _has_money_words(text) else skip,  # money in words
            digit_starts if self.has_digits_before("p") else skip,  # 4p
            numbers if "%" in text or "cent" in text else skip,  # percent range
            numbers if "%" in text or "cent" in text or self.has_digits_before("pc") else skip,  # percent
            numbers if " in " in text or " out of " in text else skip,  # one in five
            _FULL_SCAN if self.has_fraction and "point" in text else skip,  # a quarter-point cut
            _FULL_SCAN if self.has_fraction else skip,  # a third of
            _FULL_SCAN if "aged" in text or "turn" in text or "age of" in text else skip,  # aged 65, turned 44
            digit_starts if ", " in text else skip,  # John Marsh, 61,
            _FULL_SCAN if "ver-" in text or "nder-" in text else skip,  # over-65s
            # Any white space around the bound, as the pattern allows: "aged\nover 65" too.
            _FULL_SCAN if "over" in text or "under" in text or "above" in text or "below" in text else skip,
            _FULL_SCAN if _has_multiple_word(text) else skip,  # twice as, doubled
            numbers if "times" in text or "fold" in text or self.has_digits_before("x") else skip,  # 3x, 3 times
            numbers if "per" in text and _PER_WORD.search(text) else skip,  # rate
            digit_starts if self.has_joined_numbers() else skip,  # score
            _FULL_SCAN if " and " in text and self.may_hold_a_compound_duration() else skip,  # an hour and 24 minutes
            numbers if "-" in text or "–" in text or " to " in text or " or " in text else skip,  # 5-10 km
            _FULL_SCAN if "etween " in text else skip,  # between 3 and 5 km
            self.ordinals if self.superlatives else skip,  # rank
            _FULL_SCAN if "umber" in text or "No." in text else skip,  # world number two
            numbers if _DURATION_UNIT.search(text) else skip,  # duration
            _FULL_SCAN if " ago" in text else skip,  # a year ago
            _FULL_SCAN if "decade" in text or "century" in text or "the p" in text else skip,  # a decade, the past year
            _FULL_SCAN if "or a" in text else skip,  # for a year
            numbers,  # quantity
            self.ordinals,  # ordinal
            numbers if "-" in text else skip,  # a 14-match run
            numbers,  # count
            numbers,  # number
            self.superlatives,  # superlative
            _FULL_SCAN if "ecord" in text or "all-time" in text else skip,  # a record 61%, a record high
            _FULL_SCAN if "than" in text else skip,  # comparison
            _FULL_SCAN if "following" in text or "next" in text else skip,  # the following month
        )


class _SentenceReader:
    def __init__(self, text: str, offset: int, published: date | None) -> None:
        self.text = text
        self.offset = offset
        self.published = published
        self.facts: list[Fact] = []
        self.taken: list[tuple[int, int]] = []
        self._tense: list[tuple[int, str]] | None = None

    def is_free(self, start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in self.taken)

    def read(self, match: re.Match, build: Callable[[_SentenceReader, re.Match], Fact | None]) -> None:
        """Take the fact ``build`` makes of ``match``, unless an earlier fact holds part of its span."""
        if self.is_free(match.start(), match.end()):
            fact = build(self, match)
            if fact is not None:
                self.take(fact)

    def set_aside(self, start: int, end: int) -> None:
        """Keep every later reader off this span, which states no fact."""
        self.taken.append((start, end))

    def take(self, fact: Fact) -> None:
        self.taken.append((fact.start - self.offset, fact.end - self.offset))
        self.facts.append(fact)

    def fact(self, kind: str, value, unit, start: int, end: int, subject=None, qualifier=None) -> Fact:
        # Positional, in the order of Fact's fields: keyword arguments cost a third more in this, the engine's
        # most frequent construction.
        offset = self.offset
        return Fact(kind, value, unit, self.text[start:end], offset + start, offset + end, subject, qualifier)

    def tense_at(self, position: int, *, own_clause: bool = False) -> str:
        """Whether the words that govern a date at ``position`` speak of the future or the past (or neither).

        One sentence can hold both: "The phone, which launched in March, will get an update in July". A date
        takes the tense of the nearest marker before it in its clause, else of the first one after it there. A
        short clause that opens the sentence ("In March, sales rose") takes the next marker after it; any other
        clause without a marker, the last one before it ("will hold the event, probably in March"). With
        ``own_clause`` only the date's clause counts.
        """
        markers = self._tense_markers()
        if not markers:
            return ""
        clause_start, clause_end = self._clause_around(position)
        before_clause = before = after = after_clause = ""
        for start, tense in markers:
            if start < clause_start:
                before_clause = tense
            elif start < position:
                # "will be held in July": the auxiliary, not the participle, gives the time.
                before = _FUTURE_TENSE if _FUTURE_TENSE in (before, tense) else tense
            elif start < clause_end:
                after = after or tense
            else:
                after_clause = tense
                break
        if before or after or own_clause:
            return before or after
        if not self.text[:clause_start].strip():
            opening = self.text[clause_start:clause_end].split()
            if len(opening) <= _OPENING_CLAUSE_WORDS and opening[0].lower() in _OPENING_ADVERBIAL_WORDS:
                return after_clause
            return ""
        return before_clause

    def _tense_markers(self) -> list[tuple[int, str]]:
        """(start, tense) of every word and phrase of ``_FUTURE_*`` and ``_PAST_WORDS``, in order; read once."""
        if self._tense is None:
            lowered = self.text.lower()
            markers = []
            for word in _LOWER_WORD.finditer(lowered):
                if word.group() in _FUTURE_WORDS:
                    markers.append((word.start(), _FUTURE_TENSE))
                elif word.group() == "would":
                    # Reported plans, "said the club would strengthen in January", look ahead of the report;
                    # "would have" looks back.
                    have = lowered.startswith(" have", word.end())
                    markers.append((word.start(), _PAST_TENSE if have else _FUTURE_TENSE))
                elif word.group() in _PAST_WORDS:
                    markers.append((word.start(), _PAST_TENSE))
            markers.extend((found.start(), _FUTURE_TENSE) for found in _FUTURE_PHRASE.finditer(lowered))
            if "from" in lowered:
                markers.extend((found.start(), _PAST_TENSE) for found in _PAST_PHRASE.finditer(lowered))
            markers.sort()
            self._tense = markers
        return self._tense

    def _clause_around(self, position: int) -> tuple[int, int]:
        text = self.text
        start = 0
        for found in _CLAUSE_BREAK.finditer(text, 0, position):
            start = found.end()
        following = _CLAUSE_BREAK.search(text, position)
        return start, following.start() if following else len(text)

    def qualifier_before(self, start: int) -> str | None:
        found = _QUALIFIER.search(self.text, max(0, start - 16), start)
        if found is None:
            return None
        hedge = found.group(1).lower()
        return _BOUNDS_SAID_BACKWARDS.get(hedge, hedge)

    def follows_a_name(self, position: int) -> bool:
        """Whether the word before ``position`` is a name: "Xiaomi", and "iPhone" with its capital inside."""
        previous = _word_before(self.text, position)
        # "Peter, three children", "In June, 5 people": punctuation ends the name before it reaches the number.
        if not previous[-1:].isalnum():
            return False
        lowered = previous.lower()
        if (lowered.endswith("ed") or lowered in _PAST_WORDS) and not self.text[: position - len(previous) - 1].strip():
            return False  # "Shipped 2,840 robots in the quarter": a highlight that opens with its verb
        return not previous.islower() and previous[:1].isalpha() and previous.lower() not in _NOT_A_NAME

    def is_product_number(self, match: re.Match) -> bool:
        """ "Xiaomi 12 Ultra", "Xperia 1 IV", "Snapdragon 8+ Gen 1", "Covid-19": a number that is part of a name."""
        start = match.start()
        if self.is_written_onto_a_name(match):
            return True
        if self.follows_a_name(start):
            return True
        end = match.end()
        if _NAME_AFTER.match(self.text, end) is None or self.text.startswith((" I ", " A "), end):
            return False
        return self.names_then_plural(match) is None

    def is_written_onto_a_name(self, match: re.Match) -> bool:
        """ "Covid-19 cases", "the G-20 summit", "B-52s": digits joined by a hyphen to a name ("mid-50s" and
        "pre-2020" are joined to a lower-case word, and stay numbers)."""
        start, text = match.start(), self.text
        if start < 2 or text[start - 1] != "-":
            return False
        if text[start - 2].isdigit():
            # "a Boeing 737-800", "the A320-200": a variant written onto a model number.
            first = start - 2
            while first > 0 and text[first - 1].isalnum():
                first -= 1
            return text[first].isupper() or self.follows_a_name(first)
        if not text[start - 2].isalpha():
            return False
        return not _word_before(text, start).islower()

    def names_then_plural(self, match: re.Match) -> re.Match | None:
        """ "61 British companies", "5 Premier League clubs": names that qualify the plural noun a number counts.
        After "the" or a possessive the names are a product's ("the 12 Pro launches", "Apple's 14 Pro models")."""
        previous = _word_before(self.text, match.start()).lower()
        if previous in _DETERMINERS or previous.endswith(("'s", "’s")):
            return None
        return _NAMES_THEN_PLURAL.match(self.text, match.end())


def _word_before(text: str, position: int) -> str:
    """The whitespace-delimited word before ``position``: one split from the right, rather than of the whole prefix."""
    head = text[:position].rstrip()
    return head.rsplit(None, 1)[-1] if head else ""


def _number_value(match: re.Match) -> float | None:
    value = _written_number(match.group("num"))
    scale = match.group("scale")  # every pattern read with _number_value is built on _NUM
    if scale:
        value = _times(value, _scale_factor(scale))
    return value


def _scale_factor(word: str) -> float:
    word = " ".join(word.lower().split())  # "lakh  crore" as "lakh crore"
    return _SCALES.get(word) or _SHORT_SCALES.get(word, 1.0)


def _times(value: float, factor: float) -> float:
    """``value * factor`` to twelve significant digits: 4.1 * 1e9 is 4099999999.9999995 in binary floating point,
    and "$4.1 billion" must compare equal to "4,100 million dollars" and read as it was written."""
    return float(f"{value * factor:.12g}") if factor != 1.0 else value


def _set_aside(reader: _SentenceReader, match: re.Match) -> None:
    reader.set_aside(*match.span())


def _sensor(reader: _SentenceReader, match: re.Match) -> Fact:
    subject = subjects.noun_phrase_for(reader.text, match.start(), match.end(), skip_names=True)
    return reader.fact("sensor_format", match.group("value"), "inch", *match.span(), subject=subject)


def _sensor_one_inch(reader: _SentenceReader, match: re.Match) -> Fact:
    subject = subjects.noun_phrase_for(reader.text, match.start(), match.end(), skip_names=True)
    return reader.fact("sensor_format", "1", "inch", *match.span(), subject=subject)


def _date_full(reader: _SentenceReader, match: re.Match) -> Fact:
    groups = match.groupdict()
    month = int(groups["mm"]) if groups.get("mm") else _MONTH_NUMBER[groups["month"]]
    value = f"{groups['year']}-{month:02d}-{int(groups['dd'] if groups.get('dd') else groups['day']):02d}"
    return reader.fact("date", value, "day", *match.span(), subject=subjects.event_before(reader.text, match.start()))


def _year_span(reader: _SentenceReader, match: re.Match) -> Fact | None:
    first = int(match.group("year"))
    second = first - first % 100 + int(match.group("end"))
    if second <= first:
        second += 100  # "1999/00"
    if int(match.group("end")) <= 12 and second - first != 1:
        return None  # "2010-05" may as well be May 2010
    subject = subjects.event_before(reader.text, match.start())
    reader.take(reader.fact("date", str(first), "year", match.start(), match.end("year"), subject=subject))
    return reader.fact("date", str(second), "year", match.start("end"), match.end(), subject=subject)


def _season(reader: _SentenceReader, match: re.Match) -> Fact:
    """The year of the season meant: "last summer" in February 2024 is 2023's, in September 2024 it is 2024's."""
    value = None
    if reader.published:
        first, last = _SEASON_MONTHS[match.group("season")]
        year, month, relation = reader.published.year, reader.published.month, match.group("rel").lower()
        if relation == "last":
            year -= month <= last
        elif relation == "next":
            year += month >= first
        value = str(year)
    subject = subjects.event_before(reader.text, match.start())
    return reader.fact("date", value, "season", *match.span(), subject=subject, qualifier=match.group("season"))


def _decade(reader: _SentenceReader, match: re.Match) -> Fact:
    subject = subjects.event_before(reader.text, match.start())
    return reader.fact("date", match.group("year")[:3] + "0s", "decade", *match.span(), subject=subject)


def _date_month_year(reader: _SentenceReader, match: re.Match) -> Fact:
    value = f"{match.group('year')}-{_MONTH_NUMBER[match.group('month')]:02d}"
    return reader.fact("date", value, "month", *match.span(), subject=subjects.event_before(reader.text, match.start()))


def _date_month(reader: _SentenceReader, match: re.Match) -> Fact | None:
    relation, year_relation, name = match.group("rel"), match.group("yrel"), match.group("month")
    if relation and " " in relation:
        # "by the end of March" and "until the end of October" look ahead as "by March" does; "the start of July" is
        # July by the tense alone.
        relation = "by" if relation[:2].lower() in ("by", "un", "ti") else "of"
    if not relation and not year_relation:
        return None  # a bare "May" is as often the verb as the month
    paired = None
    if relation in _PAIRING_WORDS:
        paired = _PAIRED_BEFORE.search(reader.text, max(0, match.start() - 30), match.start())
        if paired is None:
            return None  # "Joe and Jan O'Neill", "prior to September the 11th": a name, or a month this cannot place
    if name == "May" and _MAY_AS_VERB.match(reader.text, match.end()):
        return None
    start = match.start("month") if relation and relation.lower() not in ("this", "next", "last") else match.start()
    value = None
    if reader.published:
        year = _resolve_month_year(
            _MONTH_NUMBER[name],
            (relation or "").lower(),
            (year_relation or "").lower(),
            reader.published,
            lambda: reader.tense_at(match.start()),
        )
        value = f"{year}-{_MONTH_NUMBER[name]:02d}"
    subject = subjects.event_before(reader.text, match.start())
    if paired is not None and paired.group("month") and reader.is_free(*paired.span("month")):
        # "Figures for August and September": the bare month of the pair is a month too, of the same year.
        first = _MONTH_NUMBER[paired.group("month")]
        first_value = f"{value[:4]}-{first:02d}" if value is not None and first <= _MONTH_NUMBER[name] else None
        reader.take(reader.fact("date", first_value, "month", *paired.span("month"), subject=subject))
    return reader.fact("date", value, "month", start, match.end(), subject=subject)


def _holiday(reader: _SentenceReader, match: re.Match) -> Fact:
    month, day = _HOLIDAYS[match.group("holiday")]
    value = None
    if match.group("year"):
        value = date(int(match.group("year")), month, day).isoformat()
    elif reader.published:
        year = _resolve_day_year(month, day, reader.published, reader.tense_at(match.start()))
        value = date(year, month, day).isoformat()
    return reader.fact("date", value, "day", *match.span(), subject=subjects.event_before(reader.text, match.start()))


def _date_day_month(reader: _SentenceReader, match: re.Match) -> Fact | None:
    month, day = _MONTH_NUMBER[match.group("month")], int(match.group("day"))
    last = int(match.group("last")) if match.group("last") else None
    if not 1 <= day <= 31 or (last is not None and not day < last <= 31):
        return None
    if match.group("month") == "May" and _MAY_AS_VERB.match(reader.text, match.end()):
        return None
    first_value = last_value = None
    if reader.published:
        tense = reader.tense_at(match.start())
        # "have until 18 February to appeal" looks ahead as "by January" does, unless the sentence is in the past.
        if tense != _PAST_TENSE and _LOOKS_AHEAD_BEFORE.search(reader.text, max(0, match.start() - 10), match.start()):
            tense = _FUTURE_TENSE
        elif reader.text.endswith("since ", 0, match.start()):
            tense = _PAST_TENSE  # "closed since 4 March": a day before the story
        year = _resolve_day_year(month, day, reader.published, tense)
        try:
            first_value = date(year, month, day).isoformat()
            last_value = date(year, month, last).isoformat() if last is not None else None
        except ValueError:
            return None  # "30 February"
    subject = subjects.event_before(reader.text, match.start())
    if last is None:
        return reader.fact("date", first_value, "day", *match.span(), subject=subject)
    # Two facts that share the month: "October 8-11" as "October 8" and "11", "17-18 June" as "17" and "18 June".
    reader.take(reader.fact("date", first_value, "day", match.start(), match.end("day"), subject=subject))
    return reader.fact("date", last_value, "day", match.start("last"), match.end(), subject=subject)


def _resolve_day_year(month: int, day: int, published: date, tense: str) -> int:
    year = published.year
    if tense == _FUTURE_TENSE:
        return year if (month, day) >= (published.month, published.day) else year + 1
    if tense == _PAST_TENSE:
        return year if (month, day) <= (published.month, published.day) else year - 1
    return year


def _weekday(reader: _SentenceReader, match: re.Match) -> Fact | None:
    """A weekday is the nearest one to the published date in the direction the sentence points: news says "on
    Thursday" of the week around the story ("said on Thursday", "will vote on Friday")."""
    before = _WEEKDAY_RELATION.search(reader.text, max(0, match.start() - 22), match.start())
    relation = before.group("rel").lower() if before else ""
    if _DATE_FOLLOWS.match(reader.text, match.end()):
        return None  # "Friday, July 21, 2017": the date that follows says it, and is read as such
    if not relation:
        previous = _word_before(reader.text, match.start())
        # "Super Tuesday", "Black Friday" are named days; "the Sunday Times", "a Friday night" no particular one.
        if previous[:1].isupper() or previous in ("the", "a", "every", "each"):
            return None
    value = None
    if reader.published:
        target = _WEEKDAYS.index(match.group("weekday"))
        # "a premium to Friday's closing price": a day's own thing is read in its own clause, or is past.
        possessive = reader.text.startswith(("'s", "’s"), match.end())
        tense = reader.tense_at(match.start(), own_clause=possessive)
        value = _resolve_weekday(target, relation, reader.published, tense).isoformat()
    start = before.start() if relation in ("last", "next", "this") else match.start()
    subject = subjects.event_before(reader.text, match.start())
    return reader.fact("date", value, "day", start, match.end(), subject=subject)


def _resolve_weekday(target: int, relation: str, published: date, tense: str) -> date:
    ahead = (target - published.weekday()) % 7
    if relation == "next":
        return published + timedelta(days=ahead or 7)
    if relation == "last":
        return published - timedelta(days=(7 - ahead) % 7 or 7)
    # "by Friday", "from Wednesday" look ahead unless the sentence is in the past ("had eased from Wednesday").
    looks_ahead = relation in ("by", "until", "from") and tense != _PAST_TENSE
    if looks_ahead or (relation != "since" and tense == _FUTURE_TENSE):
        return published + timedelta(days=ahead)
    return published - timedelta(days=(7 - ahead) % 7)


def _resolve_month_year(
    month: int, relation: str, year_relation: str, published: date, tense: Callable[[], str]
) -> int:
    year = published.year
    if year_relation:
        return year + {"this": 0, "next": 1, "last": -1}[year_relation]
    if relation == "this":
        return year
    if relation == "since":
        # "has held rates since June": what has lasted since a month began before the story.
        return year if month <= published.month else year - 1
    if relation == "next":
        return year if month > published.month else year + 1
    if relation == "last":
        return year if month < published.month else year - 1
    # "another hike by January", "a ban from January" look ahead unless the sentence is in the past ("had fallen by
    # January", "rose from January").
    if tense() == _FUTURE_TENSE or (relation in ("by", "until", "till", "from") and tense() != _PAST_TENSE):
        return year if month >= published.month else year + 1
    if tense() == _PAST_TENSE:
        return year if month <= published.month else year - 1
    return year


def _relative_month(reader: _SentenceReader, match: re.Match) -> Fact:
    """ "said in a report last month": the month before the published one (this month, next month likewise)."""
    value = None
    if reader.published:
        step = {"last": -1, "this": 0, "next": 1}[match.group("rel").lower()]
        months = reader.published.year * 12 + reader.published.month - 1 + step
        value = f"{months // 12}-{months % 12 + 1:02d}"
    subject = subjects.event_before(reader.text, match.start())
    return reader.fact("date", value, "month", *match.span(), subject=subject)


def _following(reader: _SentenceReader, match: re.Match) -> Fact | None:
    unit = match.group("unit")
    earlier = next(
        (
            fact
            for fact in sorted(reader.facts, key=_reading_order, reverse=True)
            if fact.type == "date" and fact.end - reader.offset <= match.start() and isinstance(fact.value, str)
        ),
        None,
    )
    if earlier is None or earlier.value is None:
        return None  # "the next day" with no date before it to count from
    value = _one_unit_after(earlier.value, unit)
    if value is None:
        return None
    return reader.fact("date", value, unit, *match.span(), subject=subjects.event_before(reader.text, match.start()))


def _one_unit_after(value: str, unit: str) -> str | None:
    """ "2023-10" and "month" -> "2023-11"; a value finer than the unit is rounded to it, a coarser one gives None."""
    parts = value.split("-")
    if not parts[0].isdigit() or len(parts[0]) != 4 or any(not part.isdigit() for part in parts[1:]):
        return None  # quarters, halves, decades
    year = int(parts[0])
    if unit == "year":
        return str(year + 1)
    if unit == "month" and len(parts) >= 2:
        months = year * 12 + int(parts[1])
        return f"{months // 12}-{months % 12 + 1:02d}"
    if unit == "day" and len(parts) == 3:
        return (date(year, int(parts[1]), int(parts[2])) + timedelta(days=1)).isoformat()
    return None


def _day_word(reader: _SentenceReader, match: re.Match) -> Fact | None:
    word = match.group("day").lower()
    if word in ("today", "tonight") and _means_the_present(reader, match):
        return None  # "the difficulties we face today", "safer today than it was": the present, not a day
    value = None
    if reader.published:
        value = (reader.published + timedelta(days=_DAY_WORD_SHIFT[word])).isoformat()
    subject = subjects.event_before(reader.text, match.start())
    return reader.fact("date", value, "day", *match.span(), subject=subject)


# A verb in -ed within a few words before "today", not an adjective after a determiner ("the lopsided economy").
_PAST_VERB_BEFORE = re.compile(
    r"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bvery )(?<!\bmore )(?<!\bmost )\b[a-z]{3,}ed(?:\s+[a-z']+){0,4}\s+$"
)
# The present around "today": a verb in the present or -ing form close before it, or "from today" (a start).
_PRESENT_BEFORE = re.compile(
    r"\b(?:is|are|am|'re|’re|'s|’s|has|have|do|does|[a-z]{3,}ing|from)\s+(?:[a-z']+\s+){0,3}$", re.I
)
_PRESENT_AFTER = re.compile(r"\s+(?:is|are|has|have)\b")
_THAN_BEFORE = re.compile(r"\bthan\s+(?:[a-z']+\s+){0,2}$")


def _means_the_present(reader: _SentenceReader, match: re.Match) -> bool:
    """Whether "today" is the present rather than the published day: a comparison with another time ("safer today
    than", "than it is today") or a clause with no past or future in it ("schools today face")."""
    text, start = reader.text, match.start()
    if text.startswith(" than ", match.end()) or _THAN_BEFORE.search(text, max(0, start - 30), start):
        return True
    if _PRESENT_BEFORE.search(text, max(0, start - 40), start) or _PRESENT_AFTER.match(text, match.end()):
        return True  # "the Americans working in America today", "those who are vaccinated today", "from today"
    if _PAST_VERB_BEFORE.search(text, max(0, start - 48), start):
        return False  # "figures published today", "declared a state of emergency today"
    return not reader.tense_at(start, own_clause=True)


def _date_year(reader: _SentenceReader, match: re.Match) -> Fact | None:
    if match.group("yrel"):
        if match.group("yrel").lower() != "this" and _word_before(reader.text, match.start()).lower() in ("the", "a"):
            return None  # "the last year before the pandemic", "the next year": no year counted from the story
        shift = {"this": 0, "next": 1, "last": -1}[match.group("yrel").lower()]
        value = str(reader.published.year + shift) if reader.published else None
        start = match.start()
    else:
        value, start = match.group("year"), match.start("year")
    # "net zero by 2050", "before 2030": a bound on the year, which a comparison of the claims must not lose.
    bound = (match.group("prep") or "").lower()
    qualifier = bound if bound in _YEAR_BOUNDS else None
    subject = subjects.event_before(reader.text, start)
    return reader.fact("date", value, "year", start, match.end(), subject=subject, qualifier=qualifier)


_YEAR_BOUNDS = frozenset(["by", "before", "after", "since", "until"])


def _money(reader: _SentenceReader, match: re.Match) -> Fact:
    name = match.group("cur").lower()
    value = _number_value(match)
    country = match.group("country") if "country" in match.re.groupindex else None
    if country is not None:
        currency = _COUNTRY_CURRENCIES[country.lower()]
    elif name in _CURRENCY:
        currency = _CURRENCY[name]
    elif match.group("cur") in _CURRENCY_CODES:
        currency = match.group("cur")
    else:
        # Hundredths: pence are British; cents are dollars' unless the sentence prices things in euros.
        currency = "GBP" if name == "pence" else "EUR" if "€" in reader.text or "euro" in reader.text else "USD"
        value = _times(value, 0.01)
    subject = subjects.noun_phrase_for(reader.text, match.start(), match.end())
    qualifier = reader.qualifier_before(match.start())
    if currency in _CURRENCY_CODES and not match.group("scale"):
        scaled = _SCALED_UPPER_END.match(reader.text, match.end())
        if (
            scaled is not None
            and not (scaled.group("scale") or scaled.group("symbol"))
            and _is_year_number(scaled.group("num"))
        ):
            scaled = None  # "cut from $5 to 2020 levels"
        if scaled is not None:
            # "$20-25 billion", "£3-4bn": the scale written once, after the upper end, is the lower end's too.
            factor = _scale_factor(scaled.group("scale") or "")
            value = _times(value, factor)
            if not scaled.group("symbol"):
                per, end = _per_period(reader, scaled.end())
                unit = currency + (per or "")
                reader.take(reader.fact("money", value, unit, match.start(), match.end(), subject, qualifier))
                upper = _times(_written_number(scaled.group("num")), factor)
                return reader.fact("money", upper, unit, scaled.start("num"), end, subject=subject)
    per, end = _per_period(reader, match.end())
    if per:
        currency += per
    elif (upper := _MONEY_RANGE_TAIL.match(reader.text, match.end())) is not None:
        # "$4.10 to $4.25 per share": the lower end is per share too, though its span stays its own.
        per, _ = _per_period(reader, upper.end())
        currency += per or ""
    return reader.fact("money", value, currency, match.start(), end, subject=subject, qualifier=qualifier)


_ROUND_WHOLES = frozenset([25.0, 50.0, 100.0, 1000.0, 10_000.0, 100_000.0, 1_000_000.0])


def _proportion(reader: _SentenceReader, match: re.Match) -> Fact | None:
    part, whole = _written_number(match.group("part")), _written_number(match.group("whole"))
    if not 0 < part < whole or _is_year_number(match.group("whole")):
        return None  # "3 in 2021", "ten in one"
    if part != 1 and whole > 20 and whole not in _ROUND_WHOLES and " out of " not in match.group():
        # "128 in 150 appearances" counts goals in games; "three in 10", "one in 36", "94 out of 95" are shares.
        return None
    if _DURATION_UNIT.match(reader.text, match.end() + 1):
        return None  # "won 3-1 in 90 minutes"
    subject = subjects.noun_phrase_for(reader.text, match.start(), match.end())
    qualifier = reader.qualifier_before(match.start())
    # Four significant digits, so that "one in 8,000" is 0.0125 % and "one in three" 33.33 %.
    value = float(f"{100 * part / whole:.4g}")
    return reader.fact("percent", value, "%", *match.span(), subject=subject, qualifier=qualifier)


def _fraction_of_a_point(reader: _SentenceReader, match: re.Match) -> Fact:
    part = (match.group("part") or match.group("part2")).lower()
    # A point of a rate is a percentage point ("a quarter-point cut" in Bank Rate) unless the text says otherwise.
    unit = "pp" if match.group("pp") or match.group("pp2") or "rate" in reader.text else "point"
    subject = subjects.noun_phrase_for(reader.text, match.start(), match.end())
    qualifier = reader.qualifier_before(match.start())
    return reader.fact("quantity", 1 / _FRACTION_PARTS[part], unit, *match.span(), subject=subject, qualifier=qualifier)


def _fraction(reader: _SentenceReader, match: re.Match) -> Fact | None:
    count_word, part, plural = match.group("count"), match.group("part").lower(), match.group("plural")
    start, end = match.span()
    # "a third more than": a change of that share, which way it goes the word says.
    comparative = None if part == "half" or match.group("of") else _COMPARATIVE_AFTER.match(reader.text, end)
    if part == "half":
        if count_word or plural:
            return None  # "one half", "halves": rare in news, and "a half" is mostly "an hour and a half"
        if not (_HALF_OF.match(reader.text, match.end("part")) or _BY_BEFORE.search(reader.text, 0, start)):
            return None  # "half-time", "half an hour"
        count = 1
    else:
        count = 1 if count_word is None or count_word.lower() in ("a", "an") else _WORD_VALUES[count_word.lower()]
        if count_word is None:
            return None  # a bare "third" is an ordinal
        if count == 1 and plural:
            return None
        # "a third of", "by a quarter", "a third more than"; without them "a third" is mostly an ordinal ("a third
        # term").
        if not plural and not (match.group("of") or comparative or _BY_BEFORE.search(reader.text, 0, start)):
            return None
    # The share is of what follows "of" ("two-thirds of voters"); "by a third" leaves what changed to the sentence.
    subject = None
    if match.group("of") or part == "half":
        determiner = _DETERMINER.match(reader.text, end)
        subject = subjects.noun_after(reader.text, determiner.end() if determiner else end)[0]
    if match.group("of"):
        end = match.start("of")
    value = round(100 * count / _FRACTION_PARTS[part], 2)
    qualifier = reader.qualifier_before(start)
    if qualifier is None and comparative is not None:
        qualifier = comparative.group(1)
    return reader.fact("percent", value, "%", start, end, subject=subject, qualifier=qualifier)


def _percent_range(reader: _SentenceReader, match: re.Match) -> Fact | None:
    """Both ends of a range as percentages: the lower one is taken here, the upper one returned to be taken."""
    if match.group("join").strip() == "and" and not reader.text.endswith("etween ", 0, match.start()):
        return None  # "rose 3 and 5 percent" is not a range; "between 3 and 5 percent" is
    upper_start = match.start("upper")
    subject = subjects.noun_phrase_for(reader.text, upper_start, match.end())
    qualifier = reader.qualifier_before(match.start())
    lower = _number_value(match)
    upper = _PERCENT.match(reader.text, upper_start)
    if upper is None or lower is None:
        return None
    reader.take(
        reader.fact("percent", lower, "%", match.start(), match.end("num"), subject=subject, qualifier=qualifier)
    )
    return reader.fact("percent", _number_value(upper), "%", *upper.span(), subject=subject, qualifier=qualifier)


def _percent(reader: _SentenceReader, match: re.Match) -> Fact:
    subject = subjects.noun_phrase_for(reader.text, match.start(), match.end())
    qualifier = reader.qualifier_before(match.start())
    return reader.fact("percent", _number_value(match), "%", *match.span(), subject=subject, qualifier=qualifier)


def _score(reader: _SentenceReader, match: re.Match) -> Fact | None:
    start, end = match.span()
    # "by 32 votes to 19" says it is a tally; a bare pair of numbers needs a word of winning or voting near it.
    if not match.group("votes") and not (
        _SCORE_BEFORE.search(reader.text, max(0, start - 60), start) or _SCORE_AFTER.match(reader.text, end)
    ):
        return None
    value = f"{int(match.group('first'))}-{int(match.group('second'))}"
    return reader.fact("score", value, None, start, end, subject=subjects.event_before(reader.text, start))


def _aged(reader: _SentenceReader, match: re.Match) -> Fact | None:
    if match.group("num")[0].isalpha() and _written_number(match.group("num")) < 1:
        return None
    if not match.group("verb").startswith(("aged", "at")) and (
        match.group("scale") or not _AGE_AFTER_TURNED.match(reader.text, match.end())
    ):
        return None  # "turned 180 degrees", "turned 3 million in profit"
    previous = _word_before(reader.text, match.start()).lower()
    # "a man aged 54" names whose age it is; before "at the age of" stands a verb ("died at the age of 91").
    named = previous.isalpha() and previous not in subjects.STOP_WORDS and match.group("verb") != "at the age of"
    subject = previous if named else None
    bound = " ".join(match.group("bound").split()) if match.group("bound") else None
    start = match.start("num")
    # "children aged five to 17 months": an infant's age is in months or weeks, and says so.
    unit = match.group("age_unit").rstrip("s") if match.group("age_unit") else "year"
    if match.group("upper"):
        reader.take(reader.fact("age", _number_value(match), unit, start, match.end("num"), subject=subject))
        start = match.start("upper")
        return reader.fact("age", float(match.group("upper")), unit, start, match.end(), subject, bound)
    return reader.fact("age", _number_value(match), unit, start, match.end(), subject=subject, qualifier=bound)


def _age_appositive(reader: _SentenceReader, match: re.Match) -> Fact | None:
    value = int(match.group("num"))
    if not 0 < value <= 120:
        return None
    person = _word_before(reader.text, match.start()).rstrip(",")
    subject = person.lower() if person.islower() else person
    return reader.fact("age", float(value), "year", match.start(), match.end("num"), subject=subject)


def _elapsed_time(reader: _SentenceReader, match: re.Match) -> Fact | None:
    if reader.text.endswith(("at ", "At ", "by ", "until ", "from "), 0, match.start()):
        return None  # "at 10:32:15": a clock, which the next reader sets aside
    if match.group("hours"):
        hours, minutes, seconds = (int(match.group(name)) for name in ("hours", "minutes", "seconds"))
        value, end, unit = float(3600 * hours + 60 * minutes + seconds), match.end(), "second"
    else:
        value = float(60 * int(match.group("pace_minutes")) + int(match.group("pace_seconds")))
        per = _PACE_PER.match(reader.text, match.end())
        end, unit = per.end(), "second per " + _PACE_DISTANCE.get(per.group("per"), per.group("per"))
    subject = subjects.noun_phrase_for(reader.text, match.start(), end)
    qualifier = reader.qualifier_before(match.start())
    return reader.fact("duration", value, unit, match.start(), end, subject=subject, qualifier=qualifier)


def _half_year(reader: _SentenceReader, match: re.Match) -> Fact | None:
    if not (match.group("year") or match.group().endswith("year")):
        reader.set_aside(*match.span())  # "the second half of the match"
        return None
    half = 1 if match.group("ord").lower() in ("first", "1st") else 2
    value = None
    if match.group("year"):
        value = f"{match.group('year')}-H{half}"
    elif reader.published is not None:
        year = reader.published.year + {"this": 0, "next": 1, "last": -1, None: 0}[match.group("yrel")]
        value = f"{year}-H{half}"
    subject = subjects.event_before(reader.text, match.start())
    return reader.fact("date", value, "half", *match.span(), subject=subject)


def _quarter(reader: _SentenceReader, match: re.Match) -> Fact:
    """A quarter of a year, as "2023-Q3". Without a year it is the latest one begun by the published date, or the
    next one when the sentence speaks of the future: news reports quarters that have ended or are under way."""
    number = int(match.group("q") or _QUARTER_ORDINALS[match.group("ord").lower()])
    if _FISCAL_BEFORE.search(reader.text, max(0, match.start() - 12), match.start()):
        # A company's fiscal quarter is not the calendar's; which months it covers the sentence does not say.
        subject = subjects.event_before(reader.text, match.start())
        return reader.fact("date", None, "quarter", *match.span(), subject=subject, qualifier="fiscal")
    return _quarter_fact(reader, match, number)


def _quarter_fact(reader: _SentenceReader, match: re.Match, number: int) -> Fact:
    """The quarter ``number`` of the year the match gives ("of 2024", "of last year"), else of the latest year in
    which it has begun by the published date, or of the coming one in the future tense."""
    value = None
    groups = match.re.groupindex
    year_written = match.group("year") if "year" in groups else None
    year_relation = match.group("yrel") if "yrel" in groups else None
    if year_written:
        value = f"{year_written}-Q{number}"
    elif reader.published:
        year = reader.published.year
        if year_relation:
            year += {"this": 0, "next": 1, "last": -1}[year_relation]
        else:
            current = (reader.published.month - 1) // 3 + 1
            if reader.tense_at(match.start()) == _FUTURE_TENSE:
                year += number < current
            else:
                year -= number > current
        value = f"{year}-Q{number}"
    subject = subjects.event_before(reader.text, match.start())
    return reader.fact("date", value, "quarter", *match.span(), subject=subject)


def _month_quarter(reader: _SentenceReader, match: re.Match) -> Fact:
    return _quarter_fact(reader, match, _MONTH_NUMBER[match.group("month")] // 3)


def _quarter_as_months(reader: _SentenceReader, match: re.Match) -> Fact:
    return _quarter_fact(reader, match, 1 if match.group("edge") == "first" else 4)


def _year_end(reader: _SentenceReader, match: re.Match) -> Fact:
    value = None
    if reader.published:
        year = reader.published.year + {None: 0, "next": 1, "last": -1}[match.group("yrel")]
        if (
            match.group("yrel") is None
            and reader.published.month < 12
            and reader.tense_at(match.start()) == _PAST_TENSE
        ):
            year -= 1  # "sales rose at the end of the year" before December: the year that has ended
        value = f"{year}-12"
    subject = subjects.event_before(reader.text, match.start())
    return reader.fact("date", value, "month", *match.span(), subject=subject)


def _multiple(reader: _SentenceReader, match: re.Match) -> Fact | None:
    text, start, end = reader.text, match.start(), match.end()
    hedge = _MULTIPLE_BEFORE.search(text, max(0, start - 12), start)
    # "at least ten times" may count occasions; with a comparison after it, "at least 10 times more likely" does not.
    hedged = hedge is not None and (
        hedge.group(1)[:2].lower() not in ("at", "up") or bool(_MULTIPLE_AFTER.match(text, end))
    )
    if "word" in match.re.groupindex:
        word = match.group("word").lower()
        value = _MULTIPLE_WORDS[word]
        if word in ("twice", "double", "doubles", "triple", "treble"):
            if not (hedged or _MULTIPLE_AFTER.match(text, end)):
                return None  # "elected twice", "a double room", "won the doubles"
        elif _MULTIPLE_NOT_AFTER.match(text, end):
            return None  # "doubled down", "doubling up"
    else:
        value = _number_value(match)
        # "3.5x zoom" and "tenfold" are multiples as written; "three times" only before a comparison or after a hedge.
        written_as_multiple = text.endswith(("fold", "x"), 0, end)
        after = None if written_as_multiple or hedged else _MULTIPLE_AFTER.match(text, end)
        if not written_as_multiple and not (hedged or after):
            return None  # "three times a week", "won it five times"
        occasions_after = after is not None and (
            after.group().strip() == "since"
            or (after.group().strip() == "over" and _A_SPAN_FOLLOWS.match(text, after.end()))
        )
        if occasions_after and not _grows_before(text, start):
            return None  # "has cut rates four times since August": occasions, which the count reader takes
        if value is None or value <= 1.0:
            return None
        if value > 1000 and not written_as_multiple:
            return None  # "viewed more than 1.2 million times": occasions, which the count reader takes
    qualifier = " ".join(hedge.group().lower().split()) if hedged else None
    return reader.fact("multiple", value, "x", start, end, qualifier=qualifier)


# Verbs after which "N times since" or "N times over" is a multiple: "prices have risen five times since 1990".
_VERBS_OF_GROWTH = frozenset(
    ["risen", "rose", "grown", "grew", "increased", "multiplied", "expanded", "jumped", "soared", "climbed", "gone"]
)


_A_SPAN_FOLLOWS = re.compile(r"\s+(?:the|a|an|past|last|\d)\b")


def _grows_before(text: str, start: int) -> bool:
    return _word_before(text, start).lower() in _VERBS_OF_GROWTH


def _per_period(reader: _SentenceReader, end: int) -> tuple[str, int] | tuple[None, int]:
    """ " per year" and where it ends, when the amount ending at ``end`` is said per period; else (None, end)."""
    found = _PER_PERIOD.match(reader.text, end)
    if found is None:
        return None, end
    period = found.group("period") or _PERIOD_OF_ADVERB[found.group("adverb")]
    return f" per {_PER_UNIT_NAMES.get(period, period)}", found.end()


def _rate(reader: _SentenceReader, match: re.Match) -> Fact | None:
    """A count per so many: the value is the count, the unit says per how many of what ("per 100,000 people")."""
    if _looks_like_year(match):
        return None
    raw_base = match.group("base")
    base = _RATE_BASES.get(raw_base) or _written_number(raw_base)
    if not base or base < 10:
        return None  # "2 per 1" says nothing; "per 3 minutes" is not a population
    counted = match.group("counted").split()
    if counted in (["parts"], ["part"]):
        return None  # "2.9 parts per million" is a unit, ppm
    population, end = subjects.noun_after(reader.text, match.end() + 1)
    if population is None:
        end = match.end()
    unit = f"per {base:,.0f}" + (f" {population}" if population else "")
    subject = _singular(" ".join(counted)) if counted else subjects.noun_before(reader.text, match.start())
    qualifier = reader.qualifier_before(match.start())
    return reader.fact("rate", _number_value(match), unit, match.start(), end, subject=subject, qualifier=qualifier)


def _rank(reader: _SentenceReader, match: re.Match) -> Fact:
    subject = subjects.noun_phrase_for(reader.text, match.start(), match.end())
    superlative = " ".join(match.group("sup").lower().split())
    return reader.fact(
        "rank", _ordinal_value(match.group("ord")), None, *match.span(), subject=subject, qualifier=superlative
    )


def _ordinal_value(word: str) -> int:
    word = word.lower()
    return _ORDINAL_VALUE[word] if word in _ORDINAL_VALUE else int(word[:-2])


def _is_some_day(text: str, match: re.Match) -> bool:
    if match.group("num") not in ("one", "One") or not _ONE_DAY_AS_ADVERB.fullmatch(text, match.start(), match.end()):
        return False
    return match.start() == 0 or _word_before(text, match.start()).lower() in _MODALS


def _duration(reader: _SentenceReader, match: re.Match) -> Fact | None:
    unit = match.group("unit").lower()
    if _is_some_day(reader.text, match):
        # "could one day supply", "One day, she said": some day, neither a day long nor a count of days.
        reader.set_aside(*match.span())
        return None
    unit, factor = _DURATION_UNITS.get(unit, (unit, 1.0))
    if match.group("old"):
        # "a 54-year-old man": an age, and it belongs to the noun that follows.
        subject = subjects.noun_after(reader.text, match.end())[0] or subjects.noun_before(reader.text, match.start())
        return reader.fact("age", _times(_number_value(match), factor), unit, *match.span(), subject=subject)
    if unit == "minute" and _word_before(reader.text, match.start()).lower() == "on":
        reader.set_aside(*match.span())
        return None  # "restored the lead on 58 minutes": a match's clock, not a span
    ago = reader.text.startswith(" ago", match.end()) and unit in _AGO_UNITS and not match.group("half")
    if ago and (counted_back := _time_ago(reader, match, unit, factor)) is not None:
        return counted_back
    subject = subjects.noun_phrase_for(reader.text, match.start(), match.end())
    qualifier = reader.qualifier_before(match.start())
    if qualifier == "over" and not _over_means_more_than(reader.text, match.start()):
        qualifier = None  # "investing £3.8bn over five years": spread across them, not more than five
    if qualifier is None and _OR_MORE_AFTER.match(reader.text, match.end()):
        qualifier = "at least"  # "out of work for 27 weeks or more"
    value = _times(_number_value(match) + (0.5 if match.group("half") else 0.0), factor)
    # Time per period is how often, not how long: "30 minutes a day", "150 minutes of moderate activity a week".
    timed = _OF_WHAT_IS_TIMED.match(reader.text, match.end())
    per, end = _per_period(reader, timed.end() if timed else match.end())
    if per is None:
        end = match.end()
    return reader.fact("duration", value, unit + (per or ""), match.start(), end, subject=subject, qualifier=qualifier)


_OF_WHAT_IS_TIMED = re.compile(r"\s+of\s+(?:[a-z][a-z-]*\s+){0,2}[a-z][a-z-]*(?=\s+(?:a|an|per|each|every)\s)")


# The words after which "over" before a span means "more than": "for over 100 years", "in over a decade".
_OVER_AS_MORE_THAN_AFTER = frozenset(
    [
        *("for", "in", "after", "within", "of", "than", "lasted", "lasting", "took", "taken", "spanning", "just"),
        *("well", "served", "waited", "lived", "worked", "been", "remained", "stayed", "ruled", "reigned"),
    ]
)


def _over_means_more_than(text: str, start: int) -> bool:
    over_start = text.lower().rfind("over", 0, start)
    before = _word_before(text, over_start)
    # At a clause's start "over" is as often "more than" ("(over 20 years)") as "across", and is kept.
    return not before or before.lower() in _OVER_AS_MORE_THAN_AFTER or before[-1] in "(,;:—–"


_AGO_UNITS = frozenset(["year", "month", "week", "day"])
_SCORED_BY = re.compile(r"\s+(?:from|by|for)\s+[A-Z]")
_OR_MORE_AFTER = re.compile(r"\s+or\s+(?:more|longer|over)\b")


def _time_ago(reader: _SentenceReader, match: re.Match, unit: str, factor: float) -> Fact | None:
    """ "finished ninth two years ago": a point in time counted back from the published date, not a span. Deep time
    ("13.5 billion years ago") has no calendar date and stays a span."""
    amount = _number_value(match)
    if amount is None or amount != int(amount) or amount * factor > _YEARS_A_CALENDAR_GOES_BACK:
        return None
    return _date_counted_back(reader, int(amount * factor), unit, match.start(), match.end() + len(" ago"))


def _a_span_ago(reader: _SentenceReader, match: re.Match) -> Fact:
    unit, amount = match.group("unit"), 1
    if unit in _DURATION_UNITS:
        unit, factor = _DURATION_UNITS[unit]  # "a decade ago", "a century ago"
        amount = int(factor)
    return _date_counted_back(reader, amount, unit, match.start("span"), match.end())


_YEARS_A_CALENDAR_GOES_BACK = 5000


def _date_counted_back(reader: _SentenceReader, amount: int, unit: str, start: int, end: int) -> Fact:
    value = None
    if reader.published:
        published = reader.published
        if unit == "year":
            value = str(published.year - amount)
        elif unit == "month":
            months = published.year * 12 + published.month - 1 - amount
            value = f"{months // 12}-{months % 12 + 1:02d}"
        else:
            value = (published - timedelta(days=amount * (7 if unit == "week" else 1))).isoformat()
    subject = subjects.event_before(reader.text, start)
    qualifier = reader.qualifier_before(start)
    granularity = "day" if unit == "week" else unit
    return reader.fact("date", value, granularity, start, end, subject=subject, qualifier=qualifier)


def _duration_worded(reader: _SentenceReader, match: re.Match) -> Fact | None:
    if match.group("unit") == "century" and _SCORED_BY.match(reader.text, match.end()):
        return None  # "a century from Travis Head", "a century for England": a hundred runs, not years
    if match.group("short"):
        unit, factor = ("day", 14.0) if match.group("short") == "fortnight" else (match.group("short"), 1.0)
    else:
        unit, factor = _DURATION_UNITS[match.group("unit")]
    value = factor / 2 if match.group("half") else factor
    subject = subjects.noun_phrase_for(reader.text, match.start(), match.end())
    qualifier = reader.qualifier_before(match.start())
    if qualifier == "over" and not _over_means_more_than(reader.text, match.start()):
        qualifier = None  # "the best times over the past decade": across it
    return reader.fact("duration", value, unit, *match.span(), subject=subject, qualifier=qualifier)


def _for_a_span(reader: _SentenceReader, match: re.Match) -> Fact:
    unit = match.group("unit")
    value, unit = (14.0, "day") if unit == "fortnight" else (1.0, unit)
    subject = subjects.noun_phrase_for(reader.text, match.start(), match.end())
    return reader.fact("duration", value, unit, match.start("span"), match.end(), subject=subject)


def _range(reader: _SentenceReader, match: re.Match) -> Fact | None:
    """Both ends of a range of durations or quantities: the lower one taken here, the upper one returned."""
    if _looks_like_year(match) or reader.is_product_number(match):
        return None
    upper_start = match.end()
    if match.group("join").strip() in ("-", "–") and match.group("num").lower() in _TENS:
        return None  # "thirty-five people", "twenty-four months": one number, not a range
    for pattern, build in ((_DURATION, _duration), (_QUANTITY, _quantity), (_COUNT, _count)):
        upper_match = pattern.match(reader.text, upper_start)
        if upper_match is None:
            continue
        if not reader.is_free(*upper_match.span()):
            return None  # "eight or nine billion dollars": an earlier reader holds the upper end
        upper = build(reader, upper_match)
        if upper is None or upper.type not in ("duration", "quantity", "count"):
            return None
        lower_value = _number_value(match)
        if lower_value is None:
            return None
        if upper_match.group("scale") and not match.group("scale"):
            # "3 to 5 million people": the scale written once, after the upper end, is the lower end's too.
            lower_value = _times(lower_value, _scale_factor(upper_match.group("scale")))
        if pattern is _QUANTITY:
            lower_value *= _unit_as_written(upper_match.group("unit"))[1]
        reader.take(
            reader.fact(
                upper.type,
                lower_value,
                upper.unit,
                match.start("num"),
                match.end("num"),
                upper.subject,
                upper.qualifier,
            )
        )
        return upper
    return None


def _quantity(reader: _SentenceReader, match: re.Match) -> Fact | None:
    written = match.group("unit")
    if written in ("C", "F") and not _is_glued_temperature(reader, match):
        return None
    if written in ("g", "in") and match.start("unit") != match.end("num"):
        return None  # "218g" is a weight and "6.1in" a size; "5 g" is more often a stray letter, "6 in" a preposition
    if written.startswith("point") and (
        _word_before(reader.text, match.start()).lower() == "at" or reader.text.startswith(".", match.end("num"))
    ):
        reader.set_aside(*match.span())
        return None  # "at one point" is a moment
    unit, factor = _unit_as_written(written)
    subject = subjects.noun_phrase_for(reader.text, match.start(), match.end(), skip_names=True)
    qualifier = reader.qualifier_before(match.start())
    value = _times(_number_value(match), factor)
    start = match.start()
    if reader.text.endswith("plus or minus ", 0, start):
        qualifier = "plus or minus"  # a margin of error, not a negative amount
    elif reader.text.endswith("minus ", 0, start):
        value, start = -value, start - len("minus ")  # "minus 170C"
    per, end = _per_period(reader, match.end())
    if per:
        unit += per
    return reader.fact("quantity", value, unit, start, end, subject=subject, qualifier=qualifier)


def _unit_as_written(written: str) -> tuple[str, float]:
    """The canonical unit of a spelling that _QUANTITY matched, and the factor to it: "kWh" -> ("Wh", 1000)."""
    return _UNITS[" ".join(written.lower().split())]


def _is_glued_temperature(reader: _SentenceReader, match: re.Match) -> bool:
    """ "1.6C above pre-industrial levels", "topped 100F": a bare C or F is a temperature only when it is written
    onto the number, and not in a name such as "iPhone 5C" or "Model 3F"."""
    if match.start("unit") != match.end("num") or match.group("scale"):
        return False
    return not reader.follows_a_name(match.start())


def _number_rank(reader: _SentenceReader, match: re.Match) -> Fact | None:
    # "the number 12 bus" and "No. 10 Downing Street" are names. A ranking is spoken of right after, or the rank
    # is a world one ("world No. 2"), or "No." heads a common noun ("the No. 2 pet retailer", "the No. 1 seed").
    text, value = reader.text, int(_written_number(match.group("num")))
    if _RANKING_AFTER.match(text, match.end()):
        return reader.fact("rank", value, None, *match.span(), subject="ranking")
    if text.endswith(("world ", "World "), 0, match.start()):
        return reader.fact("rank", value, None, match.start() - len("world "), match.end(), subject="world ranking")
    if match.group().startswith("No.") and _COMMON_NOUN_AFTER.match(text, match.end()):
        subject, _ = subjects.noun_after(text, match.end() + 1)
        return reader.fact("rank", value, None, *match.span(), subject=subject)
    return None


def _duration_compound(reader: _SentenceReader, match: re.Match) -> Fact | None:
    per_large = _SMALLER_UNITS.get((match.group("large"), match.group("small")))
    if per_large is None:
        return None  # "two years and 10 minutes" is two spans, read one by one
    first = match.group("first")
    large = 1.0 if first.lower() in ("a", "an") else _written_number(first)
    value = large * per_large + _written_number(match.group("second"))
    subject = subjects.noun_phrase_for(reader.text, match.start(), match.end())
    qualifier = reader.qualifier_before(match.start())
    small = match.group("small")
    return reader.fact("duration", value, small, *match.span(), subject=subject, qualifier=qualifier)


def _people_of_an_age(reader: _SentenceReader, match: re.Match) -> Fact | None:
    text = reader.text
    people = _PEOPLE_BEFORE.search(text, max(0, match.start() - 20), match.start())
    if people is None:
        return None
    value = _number_value(match)
    if value is None or not 0 < value <= 120:
        return None  # "people over 1,000", not an age
    if _DURATION_UNIT.match(text, match.end() + 1) or text.startswith(" per", match.end()):
        return None  # "workers over 40 hours a week"
    start = people.start("aged") + 1 if people.group("aged") else match.start("bound")
    subject, bound = people.group("who").lower(), match.group("bound")
    return reader.fact("age", value, "year", start, match.end(), subject=subject, qualifier=bound)


def _age_group(reader: _SentenceReader, match: re.Match) -> Fact:
    bound = match.group("bound").lower()
    return reader.fact("age", float(match.group("num")), "year", *match.span(), qualifier=bound)


def _magnitude(reader: _SentenceReader, match: re.Match) -> Fact:
    value = float(match.group("num") or match.group("before"))
    subject = subjects.noun_phrase_for(reader.text, match.start(), match.end(), skip_names=True)
    return reader.fact("quantity", value, "magnitude", *match.span(), subject=subject)


def _pence(reader: _SentenceReader, match: re.Match) -> Fact:
    subject = subjects.noun_phrase_for(reader.text, match.start(), match.end())
    per, end = _per_period(reader, match.end())
    currency = "GBP" + (per or "")
    value, qualifier = _times(float(match.group("num")), 0.01), reader.qualifier_before(match.start())
    return reader.fact("money", value, currency, match.start(), end, subject=subject, qualifier=qualifier)


def _aperture(reader: _SentenceReader, match: re.Match) -> Fact:
    subject = subjects.noun_phrase_for(reader.text, match.start(), match.end(), skip_names=True)
    return reader.fact("quantity", float(match.group("num")), "f-number", *match.span(), subject=subject)


def _ordinal(reader: _SentenceReader, match: re.Match) -> Fact | None:
    word = match.group("ord").lower()
    subject, _ = subjects.noun_after(reader.text, match.end())
    # "first" mostly orders events in time ("the first phone to ..."); only counted ranks from "second" on are facts,
    # and a placing ("finished seventh") is one though no noun follows.
    placing = _PLACING_BEFORE.search(reader.text, max(0, match.start() - 32), match.start()) is not None
    placing = placing or (
        _word_before(reader.text, match.start()).lower() in ("is", "was")
        and _AFTER_A_PLACING.match(reader.text, match.end()) is not None
    )
    # "the second in 12 months", "the third this summer": a place in a run of events, which needs no noun.
    placing = placing or (
        _word_before(reader.text, match.start()).lower() == "the"
        and _IN_A_RUN.match(reader.text, match.end()) is not None
    )
    if word == "first" or (word in _ORDINAL_VALUE and subject is None and not placing):
        return None
    if subject is None and not placing and (name := _NAME_FOLLOWS.match(reader.text, match.end())) is not None:
        if name.group(1) in _COMPETITION_WORDS:
            subject = subjects.noun_after(reader.text, name.end())[0]
            return reader.fact("rank", _ordinal_value(word), None, *match.span(), subject=subject)
        reader.set_aside(*match.span())
        return None  # "the 16th Finance Commission", "the 3rd Infantry Division": a name
    if reader.text.startswith(_NOT_AN_ORDER_AFTER, match.end()):
        reader.set_aside(*match.span())
        return None  # "third-party", "second-hand", "first-class": kinds of thing, not places
    if word == "second" and (subject in _SECOND_IDIOMS or reader.text.endswith("per ", 0, match.start())):
        return None  # "a second home", "second thoughts", "the second half", "metres per second": no place in an order
    value = _ordinal_value(word)
    if subject == "century" and 1 <= value <= 22 and _word_before(reader.text, match.start()).lower() == "the":
        # "the 20th century": a date, written as ISO 8601 writes a century, by its first two digits ("19"); "the
        # second century of our history" counts from elsewhere.
        end = reader.text.index("century", match.end()) + len("century")
        if not reader.text.startswith(" of ", end):
            return reader.fact("date", f"{value - 1:02d}", "century", match.start(), end)
    return reader.fact("rank", value, None, *match.span(), subject=subject)


_NAME_FOLLOWS = re.compile(r"\s+([A-Z][A-Za-z0-9]+)")
# Names of a sport's competitions, after which an ordinal counts: "his 14th Test century", "a 22nd Grand Slam title".
_COMPETITION_WORDS = frozenset(["Test", "ODI", "T20", "Grand", "Major", "Olympic", "World", "Premier", "Champions"])
# Kinds of thing, and a match's clock ("scored in the 88th minute"), that an ordinal names without ranking anything.
_NOT_AN_ORDER_AFTER = (
    *("-party", " party", "-hand", "-rate", "-class", " class", "-generation", "-degree", " degree", " minute"),
)
_IN_A_RUN = re.compile(
    r",?\s+(?:in\s+(?:\d|a\b|the\s+(?:past|last)\b|(?:two|three|four|five|six|seven|eight|nine|ten)\s+[a-z]+s\b)"
    r"|this\s+(?:year|month|week|season|summer|winter|spring|autumn|decade)\b|since\b)"
)
_SECOND_IDIOMS = frozenset(
    [
        *("home", "homes", "thought", "thoughts", "hand", "nature", "opinion", "chance", "look", "language"),
        *("guessing", "half"),
    ]
)


def _count(reader: _SentenceReader, match: re.Match) -> Fact | None:
    if reader.is_product_number(match) or _looks_like_year(match):
        return None
    if match.group("noun") in _SCALES:
        return None  # "3 million." with nothing after: the number reader reads 3,000,000
    noun_start, qualifier = match.start("noun"), None
    if match.group("noun") in _COUNT_MODIFIERS:
        # "200 more officers": the count is of officers, and "more" says it is an addition.
        noun_start, qualifier = match.end("noun") + 1, match.group("noun")
    # A name before the noun is stepped over: "61 British companies" counts companies.
    noun, noun_end = subjects.noun_after(reader.text, noun_start, skip_names=True)
    if noun is not None and _counted_in_the_singular(noun) and _number_value(match) != 1:
        # More words, so that "45 new nuclear power plants" and "84 new mental health treatment centres" reach
        # their plural.
        noun, noun_end = subjects.noun_after(reader.text, noun_start, skip_names=True, limit=5)
    if noun is None or noun in _MARGIN_WORDS:
        return None
    if " " not in noun and _singular(noun) == noun and (joined := _AND_THEN_PLURAL.match(reader.text, noun_end)):
        # "6.2 million current and former customers": two words that share the noun after them.
        noun, noun_end = joined.group("noun"), joined.end()
    if _counted_in_the_singular(noun) and _number_value(match) != 1:
        # "a Boeing 737-800 jet", "a 90 minute delay": a number before a singular noun names or measures it.
        return None
    if noun in _FORECASTERS and _EXPECTED_AFTER.match(reader.text, noun_end):
        return None  # "the 6.1 million analysts had expected": a figure the analysts expected, not a count of them
    unit = subject = _singular(noun)
    if qualifier is None:
        qualifier = reader.qualifier_before(match.start())
    per, end = _per_period(reader, noun_end)
    if per:
        unit += per
    return reader.fact("count", _number_value(match), unit, match.start(), end, subject=subject, qualifier=qualifier)


_FORECASTERS = frozenset(["analysts", "economists", "experts", "forecasters", "investors", "traders", "markets"])
_EXPECTED_AFTER = re.compile(r"\s+(?:had\s+|were\s+)?(?:expected|forecast|predicted|expecting|estimated|anticipated)\b")
# Nouns whose plural is the singular: "20 aircraft", "300 staff" are counts although no "s" ends them.
_SAME_IN_THE_PLURAL = frozenset(
    ["aircraft", "staff", "personnel", "sheep", "deer", "fish", "police", "cattle", "crew", "offspring", "livestock"]
)


def _counted_in_the_singular(noun: str) -> bool:
    last = noun.rsplit(None, 1)[-1]
    return not subjects.is_plural(last) and last not in _SAME_IN_THE_PLURAL and last not in _IRREGULAR_SINGULAR


def _count_compound(reader: _SentenceReader, match: re.Match) -> Fact | None:
    noun = match.group("noun")
    if noun in _NOT_COUNTED_AFTER_HYPHEN or noun in _TRIGGER_KIND or noun in _SCALES:
        return None  # "thirty-five", "three-fourths", "a 2,000-strong crowd"
    if noun in _CURRENCY_IN_COMPOUND:
        # "a 20-dollar bill"; "a five-pound fish" is as often a weight as a price, and stays a count.
        subject = subjects.noun_phrase_for(reader.text, match.start(), match.end())
        return reader.fact("money", _number_value(match), _CURRENCY_IN_COMPOUND[noun], *match.span(), subject=subject)
    if noun.endswith("ed") or match.group("num").lower() in ("one", "zero"):
        return None  # "one-man show", "zero-based", "a five-sided": idioms and shapes more often than counts
    # A name after the compound is what it qualifies ("the 100-member Senate"), not a model's name.
    if reader.is_written_onto_a_name(match) or reader.follows_a_name(match.start()) or _looks_like_year(match):
        return None
    qualifier = reader.qualifier_before(match.start())
    return reader.fact("count", _number_value(match), noun, *match.span(), subject=noun, qualifier=qualifier)


def _number(reader: _SentenceReader, match: re.Match) -> Fact | None:
    if reader.is_written_onto_a_name(match):
        return None  # "Kepler-1983b", "Covid-19": a name, whose digits are neither a year nor an amount
    if _looks_like_year(match):
        return reader.fact("date", match.group("num"), "year", *match.span())
    label = _word_before(reader.text, match.start()).lower()
    if label in _LABELS_BEFORE_A_NUMBER:
        return None  # "a phase 2 study", "the number 9 shirt", "Article 50": a label, not an amount
    if label == "top":
        # "three in the top 10" bounds a place rather than stating one, and a rank of 10 would contradict a claim
        # that the same university is third.
        return None
    if (
        (counted := _CAPITALISED_PLURAL.match(reader.text, match.end())) is not None
        and counted.group("noun") not in _NAMES_THAT_END_IN_S
        and not reader.follows_a_name(match.start())
        and _written_number(match.group("num")) != 1
        # "the thriller Seven Doors": a number word with a capital inside a sentence opens a title.
        and not (match.start() > 0 and match.group("num")[0].isupper())
    ):
        # "won two Baftas", "50 Republicans voted": a plural name is counted; "the 12 Pro" stays a model.
        noun = _singular(counted.group("noun").lower())
        return reader.fact("count", _number_value(match), noun, match.start(), counted.end(), subject=noun)
    if reader.is_product_number(match):
        return None
    value = _number_value(match)
    if (counted := reader.names_then_plural(match)) is not None and value is not None:
        noun, qualifier = _singular(counted.group("noun")), reader.qualifier_before(match.start())
        return reader.fact("count", value, noun, match.start(), counted.end(), subject=noun, qualifier=qualifier)
    if value is not None and value != 1 and (part := _PART_OF_THE_PLURAL.match(reader.text, match.end())) is not None:
        # "41 of the 95 seats", "only 1,900 of the approved homes": a count of what the whole is made of.
        noun = _singular(part.group("noun"))
        first, _, rest = noun.partition(" ")
        if rest and first in _COUNT_MODIFIERS:
            noun = rest  # "3 of its 40 new stores" counts stores, as "40 new stores" does
        qualifier = reader.qualifier_before(match.start())
        return reader.fact("count", value, noun, *match.span(), subject=noun, qualifier=qualifier)
    if match.group("num")[0].isalpha() and not match.group("scale"):
        return None  # a lone "one" or "two" without a noun carries nothing to check
    return reader.fact("number", value, None, *match.span(), qualifier=reader.qualifier_before(match.start()))


def _superlative(reader: _SentenceReader, match: re.Match) -> Fact | None:
    degree, _, word_after = match.group("sup").partition(" ")
    if degree in ("most", "least") and not _makes_a_superlative(reader.text, match.start(), word_after.strip()):
        return None  # "most care workers", "most of them": a share of a group, not a superlative
    subject, _ = subjects.noun_after(reader.text, match.end())
    if subject is None:
        subject = subjects.noun_before(reader.text, match.start())
    word = " ".join(match.group("sup").lower().split())
    return reader.fact("superlative", word, None, *match.span(), subject=subject)


_DETERMINER_BEFORE_MOST = re.compile(r"(?:\b(?:the|its|their|his|her|our|your|my)|['’]s)\s+$", re.I)
_ADJECTIVE_ENDINGS = ("ive", "ous", "ful", "al", "able", "ible", "ic", "ed", "ing", "ent", "ant", "ly", "ar", "ary")
_ADJECTIVES = frozenset(["important", "popular", "common", "likely", "recent", "powerful", "senior", "dangerous"])


def _makes_a_superlative(text: str, start: int, word_after: str) -> bool:
    """Whether "most"/"least" at ``start`` makes a superlative: "the most votes", "its most expensive phone", "most
    visited"; a bare "most" before a noun or "of" is a share ("most care workers", "most of them")."""
    if _DETERMINER_BEFORE_MOST.search(text, max(0, start - 8), start):
        return True
    return word_after.endswith(_ADJECTIVE_ENDINGS) or word_after in _ADJECTIVES


def _record(reader: _SentenceReader, match: re.Match) -> Fact:
    value = f"record {match.group('direction')}" if match.group("direction") else "record"
    subject = subjects.noun_before(reader.text, match.start())
    return reader.fact("superlative", value, None, *match.span(), subject=subject)


def _comparison(reader: _SentenceReader, match: re.Match) -> Fact | None:
    if _MULTIPLE_WORD.match(reader.text, match.end() + 1) or _MULTIPLE_TIMES.match(reader.text, match.end() + 1):
        return None  # "more than double": the multiple carries "more than" as its qualifier
    subject = match.group("compared") or subjects.noun_after(reader.text, match.end())[0]
    return reader.fact("comparison", match.group("cmp").lower(), None, *match.span(), subject=subject)


def _written_number(raw: str) -> float:
    """The value of a number as _DIGITS or _WORD_NUMBER match it: "3,000", "4.5", "seven", "twenty-one", "a dozen"."""
    raw = raw.lower()
    if raw in _WORD_VALUES:
        return _WORD_VALUES[raw]
    if raw in ("dozen", "a dozen"):
        return 12.0
    if "-" in raw:
        tens, unit = raw.split("-")
        return _WORD_VALUES[tens] + _WORD_VALUES[unit]
    return float(raw.replace(",", ""))


def _looks_like_year(match: re.Match) -> bool:
    return _is_year_number(match.group("num")) and not match.group("scale")


def _is_year_number(raw: str) -> bool:
    return len(raw) == 4 and raw.isdigit() and 1800 <= int(raw) <= 2100


_LABELS_BEFORE_A_NUMBER = frozenset(
    [
        *("phase", "stage", "level", "tier", "category", "grade", "article", "section", "chapter", "page", "route"),
        *("platform", "gate", "room", "terminal", "round", "step", "type", "version", "series", "season"),
    ]
)
# Capitalised words in -s after a number that are titles or models, not people counted: "60 Minutes", "12 Series".
_NAMES_THAT_END_IN_S = frozenset(["Series", "Minutes", "Hours", "Days", "Years", "Times", "News", "Games", "Seconds"])
_PART_OF_THE_PLURAL = re.compile(
    rf"\s+of\s+(?:the(?:\s+[a-z]+['’]s)?|its|their|his|her|our)\s+(?:(?:last|first|past|next)\s+)?(?:(?:\d[\d,]*|{_WORD_NUMBER})\s+)?"
    r"(?P<noun>(?:[a-z][a-z-]*\s+){0,2}?(?:[a-z]{2,}[^s\W]s|[A-Z]{2,5}s|aircraft))\b(?!['’])"
)
_CAPITALISED_PLURAL = re.compile(r"\s(?P<noun>[A-Z][a-z]{2,}s)\b(?![’'-]|\s+[A-Z0-9])")
_COUNT_MODIFIERS = frozenset(["more", "fewer", "extra", "additional", "further", "other", "new"])
_IRREGULAR_SINGULAR = {
    "people": "person",
    "children": "child",
    "grandchildren": "grandchild",
    "men": "man",
    "women": "woman",
    "series": "series",
    "lenses": "lens",
    "lens": "lens",
    "news": "news",
    "species": "species",
    "buses": "bus",
    "gases": "gas",
    "viruses": "virus",
    "bonuses": "bonus",
    "campuses": "campus",
    "statuses": "status",
    "crises": "crisis",
    "analyses": "analysis",
    "diagnoses": "diagnosis",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "shelves": "shelf",
    "mice": "mouse",
    "teeth": "tooth",
    "feet": "foot",
    "geese": "goose",
}


def _singular(noun: str) -> str:
    words = noun.split()
    last = words[-1]
    if last in _IRREGULAR_SINGULAR:
        last = _IRREGULAR_SINGULAR[last]
    elif last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith(("sses", "xes", "ches", "shes", "zzes")):
        last = last[:-2]
    # "doses", "prizes" lose their "s" alone; "bus", "basis", "class" are singular already.
    elif last.endswith("s") and not last.endswith(("ss", "us", "is")):
        last = last[:-1]
    return " ".join([*words[:-1], last])


_READERS: tuple[tuple[re.Pattern, Callable[[_SentenceReader, re.Match], Fact | None]], ...] = (
    (_PHONE, _set_aside),
    (_ELAPSED_TIME, _elapsed_time),
    (_TIME_OF_DAY, _set_aside),
    (_FIRST_OR_SECOND_HALF, _half_year),
    (_SENSOR, _sensor),
    (_SENSOR_ONE_INCH, _sensor_one_inch),
    (_APERTURE, _aperture),
    (_MAGNITUDE, _magnitude),
    (_DATE_ISO, _date_full),
    (_YEAR_SPAN, _year_span),
    (_QUARTER, _quarter),
    (_QUARTER_AS_MONTHS, _quarter_as_months),
    (_MONTH_QUARTER, _month_quarter),
    (_DECADE, _decade),
    (_SEASON, _season),
    (_DATE_DMY, _date_full),
    (_DATE_MDY, _date_full),
    (_DATE_MY, _date_month_year),
    (_DATE_DM, _date_day_month),
    (_DATE_MD, _date_day_month),
    (_HOLIDAY, _holiday),
    (_WEEKDAY, _weekday),
    (_DATE_MONTH, _date_month),
    (_YEAR_END, _year_end),
    (_DATE_YEAR, _date_year),
    (_RELATIVE_MONTH, _relative_month),
    (_DAY_WORD, _day_word),
    (_MONEY_SYMBOL, _money),
    (_MONEY_CODE, _money),
    (_MONEY_WORD, _money),
    (_PENCE_GLUED, _pence),
    (_PERCENT_RANGE, _percent_range),
    (_PERCENT, _percent),
    (_PROPORTION, _proportion),
    (_FRACTION_OF_A_POINT, _fraction_of_a_point),
    (_FRACTION, _fraction),
    (_AGED, _aged),
    (_AGE_APPOSITIVE, _age_appositive),
    (_AGE_GROUP, _age_group),
    (_PEOPLE_OF_AN_AGE, _people_of_an_age),
    (_MULTIPLE_WORD, _multiple),
    (_MULTIPLE_TIMES, _multiple),
    (_RATE, _rate),
    (_SCORE, _score),
    (_DURATION_COMPOUND, _duration_compound),
    (_RANGE_LOWER, _range),
    (_RANGE_BETWEEN, _range),
    (_RANK, _rank),
    (_NUMBER_RANK, _number_rank),
    (_DURATION, _duration),
    (_A_SPAN_AGO, _a_span_ago),
    (_DURATION_WORDED, _duration_worded),
    (_FOR_A_SPAN, _for_a_span),
    (_QUANTITY, _quantity),
    (_ORDINAL_PLAIN, _ordinal),
    (_COUNT_COMPOUND, _count_compound),
    (_COUNT, _count),
    (_NUMBER, _number),
    (_SUPERLATIVE_PLAIN, _superlative),
    (_RECORD, _record),
    (_COMPARISON, _comparison),
    # Last, so that every date it may count from has been read, "In 2019" by the number reader included.
    (_FOLLOWING, _following),
)
