"""The same fact across articles: match keys for a claim's facts, and agreement or contradiction between them.

A claim's facts become ``MatchFact``s: the fact's type and dimension, a *concept* (what the amount measures:
"partnership" for a duration near "deal" or "tie-up", "sensor" for a sensor format, "largest maker" for a rank,
"launch:future" for the month of an upcoming launch), the entities it may be about, and its normalised value.

Two facts are the same fact when they share a blocking key (``type|dimension|concept|entity``) and ``compatible``
finds nothing that tells them apart (a different owner, partner, period or detail such as "main" vs "ultra-wide"
sensor). Their values then either agree (the same value, or values that differ only in precision, unit or hedge:
"July 2022" vs "July", "over 80 years" vs "85 years") or contradict ("five years" vs "four years"; a sensor format
given as a focal length).

Entities come from the claim sentence (the nearest capitalised name before the amount first) and, for claims that
name nobody ("The world's third-largest smartphone maker said ..."), from the names the whole article repeats.
Everything here is pure Python: the app stores the keys in an indexed table and calls ``compare`` and
``summarise`` on the few candidates one indexed query returns.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date

from claim_engine.types import Fact

# Types whose value can be compared. Superlatives, comparisons and bare numbers say too little on their own.
MATCHED_TYPES = frozenset(
    ["quantity", "percent", "money", "duration", "rank", "count", "date", "sensor_format", "rate", "age"]
)

_NAME = re.compile(r"(?<![\w’'])([A-Z][\w\-]*(?:[’']s)?(?:\s+(?:[A-Z][\w\-]*|\d[\w.+]*(?=\s+[A-Z]|\b)))*)")
_NOT_NAMES = frozenset(
    re.findall(
        r"\S+",
        """a an the this that these those it its their our his her they we you i he she there here what when where
    why how while with without for from in on at by as of and or but if so yet after before since until during
    although though because however meanwhile also still now then today tomorrow yesterday mr mrs ms dr
    is was are were will would can could may might should must has have had do does did not no yes all some
    every each both either neither many most more less few one two three four five six seven eight nine ten
    first second third last next new old early late latest according counting photo image credit read see
    sign follow subscribe share updated editor note analysts analyst sources source reports report rumors
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    german swedish chinese american japanese korean british french indian european asian english italian
    spanish dutch swiss finnish norwegian danish russian canadian australian taiwanese global world
    android ios ui ai ceo cfo mobile look currently despite unlike like just only even""",
    )
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”‘’(\n]\s*)$")

_PARTNERSHIP = re.compile(
    r"\b(partner(?:ship|ed|ing|s)?|deal|agreement|tie-up|tie up|collaboration|collaborat\w+|alliance|"
    r"cooperation|contract|relationship|joint venture|work(?:ed|ing)? together)\b",
    re.I,
)
_WITH = re.compile(r"\b(?:with|between)\s+")
_CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while|whereas)\b|;|\s+—\s+|\s+-\s+")
_FUTURE = re.compile(
    r"\b(will|'ll|to be (?:launched|released|unveiled)|to (?:launch|arrive|debut|ship|go on sale)|expected|"
    r"set to|slated|upcoming|coming|plans? to|due|could|may|next|later this)\b",
    re.I,
)
_EVENT = (
    ("launch", "launch"),
    ("releas", "launch"),
    ("debut", "launch"),
    ("unveil", "launch"),
    ("arriv", "launch"),
    ("expected", "launch"),
    ("on sale", "launch"),
    ("available", "launch"),
    ("announc", "announcement"),
    # "founded", "founder", "founding", but not "found guilty".
    ("founde", "founding"),
    ("foundi", "founding"),
    ("sign", "signing"),
    ("open", "opening"),
    ("clos", "closing"),
)
_EVENT_WORD = re.compile(r"\b(" + "|".join(stem for stem, _ in _EVENT) + r")", re.I)
_MARKET_SHARE = re.compile(r"^\s*(?:of|share of)\s+(?:the\s+)?(?:[a-z\-]+\s+){0,2}market\b|^\s*market share", re.I)
_MONTHS = re.findall(r"\S+", "january february march april may june july august september october november december")
_MONTH_WORD = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b", re.I)

# Words that name the same head noun; the head is what an amount measures.
_HEAD_SYNONYMS = {
    "manufacturer": "maker",
    "vendor": "maker",
    "brand": "maker",
    "company": "maker",
    "seller": "maker",
    "producer": "maker",
    "supplier": "maker",
    "megapixel": "camera",
    "smartphone": "phone",
    "handset": "phone",
    "phones": "phone",
    "smartphones": "phone",
    "display": "screen",
    "storage": "memory",
    "ram": "memory",
    "tie-up": "partnership",
    "deal": "partnership",
    "agreement": "partnership",
}
_SUPERLATIVE_SYNONYMS = {"biggest": "largest", "greatest": "largest", "best-selling": "largest", "top": "largest"}
# Sensors and cameras of one phone that must not be confused with each other; an unqualified one is the main one.
_SENSOR_ROLES = {
    "main": "main",
    "primary": "main",
    "wide": "main",
    "ultra-wide": "ultrawide",
    "ultrawide": "ultrawide",
    "telephoto": "telephoto",
    "periscope": "telephoto",
    "zoom": "telephoto",
    "selfie": "front",
    "front": "front",
    "macro": "macro",
}
# A sensor format reported as something it is not ("a 1/1.1-inch focal length"): the same number, the wrong thing.
_NOT_A_SENSOR = ("focal", "lens", "aperture", "zoom", "screen", "display")
_GENERIC_HEADS = frozenset(["one", "time", "year", "years", "thing", "way", "part", "lot", "number", "runs"])

_DURATION_DAYS = {
    "year": 365.0,
    "month": 30.4,
    "week": 7.0,
    "day": 1.0,
    "hour": 1 / 24,
    "minute": 1 / 1440,
    "second": 1 / 86400,
}
_LOWER = ("over", "more than", "at least", "just over", "as many as", "as much as")
_UPPER = ("under", "less than", "fewer than", "at most", "up to", "just under", "as few as")
_ROUGH = ("about", "around", "nearly", "almost", "roughly", "approximately", "some", "close to")

_TYPE_LABELS = {
    "duration": "duration",
    "rank": "rank",
    "date": "date",
    "sensor_format": "size",
    "quantity": "amount",
    "percent": "share",
    "money": "amount",
    "count": "number",
}


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """What a whole article tells about its claims: the names it repeats, most repeated first."""

    top_entities: tuple[str, ...] = ()
    published: date | None = None


@dataclass(frozen=True, slots=True)
class MatchFact:
    """One fact of a claim in the form the matcher compares. ``blocks`` are the indexed keys that find candidates."""

    fact_type: str
    dimension: str
    concept: str
    value: float | str | None
    text: str
    blocks: tuple[str, ...]
    owner: str = ""
    partner: str = ""
    detail: str = ""
    period: str = ""
    qualifier: str = ""
    month: str = ""
    unit: str = ""
    index: int = 0
    entities: tuple[str, ...] = field(default_factory=tuple)

    @property
    def signature(self) -> str:
        """What a group of these facts is about, without the entity: ``duration|time|partnership``."""
        return f"{self.fact_type}|{self.dimension}|{self.concept}"

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping) -> MatchFact:
        names = cls.__dataclass_fields__.keys()
        values = {name: data[name] for name in names if name in data}
        values["blocks"] = tuple(values.get("blocks", ()))
        values["entities"] = tuple(values.get("entities", ()))
        return cls(**values)


@dataclass(frozen=True, slots=True)
class Comparison:
    agree: bool
    reason: str


@dataclass(frozen=True, slots=True)
class Member:
    """A fact in a group, with where it was published, for explanations."""

    fact: MatchFact
    article_id: int
    source: str


@dataclass(frozen=True, slots=True)
class GroupSummary:
    is_contradiction: bool
    explanation: str
    label: str
    article_count: int


# --- Entities -------------------------------------------------------------------------------------------------


def _brand(name: str) -> str:
    """ "Xiaomi 12 Ultra" -> "xiaomi", "Kestrel's" -> "kestrel": the first word, which names the company."""
    first = name.split()[0]
    first = re.sub(r"[’']s$", "", first)
    return first.lower().strip("-")


def _names(
    text: str, *, include_sentence_start: frozenset[str] | None = None, anywhere: bool = False
) -> list[tuple[int, str]]:
    """(position, brand) of every capitalised name. A name at the start of a sentence counts only when it is
    known from elsewhere (``include_sentence_start``), since any sentence starts with a capital."""
    found = []
    for match in _NAME.finditer(text):
        words = match.group(1).split()
        start = match.start(1)
        # Drop leading words that are not names ("The Kestrel X9" -> "Kestrel X9").
        while words and _brand(words[0]) in _NOT_NAMES:
            start += len(words[0]) + 1
            words = words[1:]
        if not words:
            continue
        brand = _brand(" ".join(words))
        if len(brand) < 2 or brand in _NOT_NAMES or brand.isdigit():
            continue
        at_start = bool(_SENTENCE_START.search(text[max(0, start - 3) : start])) or start == 0
        # A capital at the start of a sentence proves nothing; the word counts when it is known as a name, or when
        # the text never uses it in lower case ("Xiaomi said ..." but not "Mobile imaging ... mobile phones").
        if (
            at_start
            and not anywhere
            and not (include_sentence_start and brand in include_sentence_start)
            and re.search(rf"\b{re.escape(brand)}\b", text) is not None
        ):
            continue
        found.append((start, brand))
    return found


def article_context(text: str, *, published: date | None = None, title: str = "") -> ArticleContext:
    """The names an article repeats (at least twice, or once in its title), most repeated first."""
    mid_sentence = Counter(brand for _, brand in _names(f"{title}\n{text}"))
    known = frozenset(mid_sentence)
    counts = Counter(brand for _, brand in _names(f"{title}\n{text}", include_sentence_start=known))
    title_names = {brand for _, brand in _names(title, include_sentence_start=known)} if title else set()
    ranked = sorted(counts, key=lambda brand: (-(counts[brand] + 2 * (brand in title_names)), brand))
    top = tuple(brand for brand in ranked if counts[brand] >= 2 or brand in title_names)[:2]
    return ArticleContext(top_entities=top, published=published)


# --- Facts to match facts -------------------------------------------------------------------------------------


def _field(fact: Fact | Mapping, name: str):
    return fact.get(name) if isinstance(fact, Mapping) else getattr(fact, name)


def _locate(claim_text: str, fact: Fact | Mapping, claim_start: int | None) -> tuple[int, int]:
    text = _field(fact, "text") or ""
    start = _field(fact, "start")
    if claim_start is not None and start is not None:
        relative = start - claim_start
        if 0 <= relative <= len(claim_text) and claim_text[relative : relative + len(text)] == text:
            return relative, relative + len(text)
    found = claim_text.find(text) if text else -1
    return (found, found + len(text)) if found >= 0 else (0, 0)


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a fact: not across ", and", ";" or a dash."""
    left = 0
    for match in _CLAUSE_BREAK.finditer(text, 0, start):
        left = match.end()
    following = _CLAUSE_BREAK.search(text, end)
    return left, following.start() if following else len(text)


def _head(subject: str | None) -> tuple[str, str]:
    """(head noun, modifier) of a lower-case subject phrase; ("", "") for names and empty subjects."""
    if not subject:
        return "", ""
    phrase = re.split(r"\s+with\s+", subject)[0].strip()
    if not phrase or not phrase[:1].islower():
        return "", ""
    words = [word for word in phrase.lower().split() if "’" not in word and "'" not in word]
    if not words:
        return "", ""
    head = words[-1].strip("’'")
    head = _HEAD_SYNONYMS.get(head, head)
    if head.endswith("s") and not head.endswith("ss") and len(head) > 3 and head not in ("news",):
        head = head[:-1]
    head = _HEAD_SYNONYMS.get(head, head)
    modifier = " ".join(_HEAD_SYNONYMS.get(word, word) for word in words[:-1])
    return head, modifier


def _orientation(claim_text: str, value, published: date | None) -> str:
    """Whether a date is of something still to come or already done: an upcoming launch in July and a launch
    in March that already happened are two events, not one event with two dates."""
    if isinstance(value, str) and published is not None and re.fullmatch(r"\d{4}-\d{2}", value):
        said = f"{published.year:04d}-{published.month:02d}"
        if value > said:
            return "future"
        if value < said:
            return "past"
    return "future" if _FUTURE.search(claim_text) else "past"


def _event(claim_text: str, subject: str | None, start: int) -> str:
    if subject:
        for stem, event in _EVENT:
            if subject.lower().startswith(stem):
                return event
    found = ""
    for match in _EVENT_WORD.finditer(claim_text, 0, start):
        found = match.group(1).lower()
    return next((event for stem, event in _EVENT if stem == found), "")


def _period(claim_text: str, facts: Sequence, own_index: int) -> str:
    """The year another date fact in the same claim pins the amount to ("38 million phones last year")."""
    for index, other in enumerate(facts):
        if index != own_index and _field(other, "type") == "date" and _field(other, "unit") == "year":
            value = _field(other, "value")
            if value:
                return str(value)
    return ""


def match_facts(
    claim_text: str,
    facts: Sequence[Fact | Mapping],
    *,
    context: ArticleContext | None = None,
    claim_start: int | None = None,
) -> list[MatchFact]:
    """The facts of one claim that can be matched across articles, with their blocking keys."""
    context = context or ArticleContext()
    sentence_names = _names(claim_text, include_sentence_start=frozenset(context.top_entities) | _known(claim_text))
    found: list[MatchFact] = []
    for index, fact in enumerate(facts):
        fact_type = _field(fact, "type")
        if fact_type not in MATCHED_TYPES:
            continue
        made = _match_fact(claim_text, facts, index, fact, context, sentence_names, claim_start)
        if made is not None:
            found.append(made)
    return found


def _known(claim_text: str) -> frozenset[str]:
    # A name that is written with a capital mid-sentence in the claim itself is a name at its start too.
    return frozenset(brand for _, brand in _names(claim_text))


def _match_fact(claim_text, facts, index, fact, context, sentence_names, claim_start) -> MatchFact | None:
    fact_type = _field(fact, "type")
    value = _field(fact, "value")
    unit = _field(fact, "unit") or ""
    subject = _field(fact, "subject")
    qualifier = (_field(fact, "qualifier") or "").lower()
    text = _field(fact, "text") or ""
    start, end = _locate(claim_text, fact, claim_start)
    clause_start, clause_end = _clause(claim_text, start, end)
    clause = claim_text[clause_start:clause_end]
    head, modifier = _head(subject)
    partner = detail = month = ""
    dimension = unit

    if fact_type == "duration":
        dimension = "time"
        if unit not in _DURATION_DAYS or value is None:
            return None
        near = claim_text[max(clause_start, start - 60) : min(clause_end, end + 50)]
        if _PARTNERSHIP.search(near):
            concept = "partnership"
            partner = _partner(clause)
        elif head and head not in _GENERIC_HEADS:
            concept = head
        else:
            return None
    elif fact_type == "sensor_format":
        concept = "sensor"
        dimension = "inch"
        phrase = f"{subject or ''} {claim_text[end : end + 20]}".lower()
        if any(word in (subject or "").lower() for word in _NOT_A_SENSOR):
            detail = "as " + (subject or "").lower()
        else:
            detail = next((role for word, role in _SENSOR_ROLES.items() if word in phrase.split()), "")
    elif fact_type == "rank":
        if not head or head in _GENERIC_HEADS:
            return None
        superlative = _SUPERLATIVE_SYNONYMS.get(qualifier, qualifier)
        concept = f"{superlative} {head}".strip() if superlative else head
        dimension = "-"
        detail = modifier
    elif fact_type == "date":
        dimension = "date"
        event = _event(claim_text, subject, start)
        if not event:
            return None
        concept = f"{event}:{_orientation(claim_text, value, context.published)}"
        named = _MONTH_WORD.search(text)
        month = named.group(1).lower() if named else ""
    elif fact_type == "percent":
        if _MARKET_SHARE.search(claim_text[end:]):
            concept = "market share"
        elif head and head not in _GENERIC_HEADS:
            concept = head
        else:
            return None
    elif fact_type == "rate":
        # "per 100,000 residents" and "per 100,000 people" count against the same base; what is counted is the concept.
        if not head or head in _GENERIC_HEADS:
            return None
        concept = head
        dimension = " ".join(unit.split()[:2])
    elif fact_type == "age":
        # Only a named person's age ("John Marsh, 61"): two articles' "a 30-year-old man" are rarely the same man.
        if not subject or not subject[:1].isupper():
            return None
        concept = "age"
        dimension = "year"
    elif fact_type == "count":
        if value is None or (isinstance(value, float) and value <= 2) or not head or head in _GENERIC_HEADS:
            return None
        concept = head
        dimension = "-"
        detail = modifier
    else:  # quantity, money
        if not head or head in _GENERIC_HEADS:
            return None
        concept = head
        detail = modifier if fact_type == "quantity" else ""
        if fact_type == "quantity" and concept in ("sensor", "camera"):
            phrase = f"{subject or ''} {claim_text[end : end + 20]}".lower().split()
            detail = next((role for word, role in _SENSOR_ROLES.items() if word in phrase), "")

    owner = _owner(sentence_names, start, partner)
    entities = _entities(sentence_names, start, partner, context)
    if fact_type == "age":
        owner = subject.lower()  # the person whose age it is, named in the subject
        entities = (owner,)
    if not entities:
        return None
    blocks = tuple(f"{fact_type}|{dimension}|{concept}|{entity}" for entity in entities)
    return MatchFact(
        fact_type=fact_type,
        dimension=dimension,
        concept=concept,
        value=value,
        text=text,
        blocks=blocks,
        owner=owner,
        partner=partner,
        detail=detail,
        period=_period(claim_text, facts, index) if fact_type != "date" else "",
        qualifier=qualifier if fact_type != "rank" else "",
        month=month,
        unit=unit,
        index=index,
        entities=entities,
    )


def _partner(clause: str) -> str:
    """The first name after "with" or "between": "with the Swedish lens maker Norrland Optics" -> "norrland"."""
    for found in _WITH.finditer(clause):
        following = clause[found.end() : found.end() + 80]
        names = _names(following, anywhere=True)
        if names:
            return names[0][1]
    return ""


def _owner(sentence_names: list[tuple[int, str]], start: int, partner: str) -> str:
    """Whom the amount is about: the nearest name before it, else the first name after it (not the partner)."""
    before = [brand for position, brand in sentence_names if position < start and brand != partner]
    if before:
        return before[-1]
    after = [brand for position, brand in sentence_names if position >= start and brand != partner]
    return after[0] if after else ""


def _entities(sentence_names, start, partner, context: ArticleContext) -> tuple[str, ...]:
    """Blocking entities, most telling first: the partner, the owner, other names in the sentence, then the
    article's most repeated names (for claims that name nobody)."""
    ordered: list[str] = []
    if partner:
        ordered.append(partner)
    ranked = sorted(sentence_names, key=lambda item: (item[0] > start, abs(item[0] - start)))
    ordered.extend(brand for _, brand in ranked)
    ordered.extend(context.top_entities)
    unique = list(dict.fromkeys(ordered))
    return tuple(unique[:4])


# --- Comparing ------------------------------------------------------------------------------------------------


def _similar_names(first: str, second: str) -> bool:
    """Equal, or one transposed or mistyped letter apart in a long enough name ("Lecia" for "Leica")."""
    if first == second:
        return True
    if min(len(first), len(second)) < 5 or abs(len(first) - len(second)) > 1:
        return False
    return _edit_distance(first, second) <= 1


def _edit_distance(first: str, second: str) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance."""
    rows = [list(range(len(second) + 1))]
    for i, a in enumerate(first, 1):
        row = [i]
        for j, b in enumerate(second, 1):
            cost = 0 if a == b else 1
            best = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                best = min(best, rows[-2][j - 2] + 1)
            row.append(best)
        rows.append(row)
    return rows[-1][-1]


def _in(name: str, names: Iterable[str]) -> bool:
    return any(_similar_names(name, other) for other in names)


def compatible(first: MatchFact, second: MatchFact) -> bool:
    """Whether two facts can be about the same thing (their values are not looked at)."""
    if first.signature != second.signature:
        return False
    if first.partner and second.partner and not _similar_names(first.partner, second.partner):
        return False
    if first.owner and second.owner and not _similar_names(first.owner, second.owner):
        # "Leica's partnership with Huawei" vs "Huawei's partnership with Leica" name the same two parties.
        parties_first = {first.owner, first.partner} - {""}
        parties_second = {second.owner, second.partner} - {""}
        same_parties = bool(first.partner and second.partner and parties_first == parties_second)
        if not same_parties and not (_in(first.owner, second.entities) and _in(second.owner, first.entities)):
            return False
    if first.period and second.period and first.period != second.period:
        return False
    if first.fact_type in ("sensor_format", "quantity") and first.concept in ("sensor", "camera"):
        roles = {first.detail, second.detail} - {"", "main"}
        if len({role for role in roles if not role.startswith("as ")}) > 1:
            return False
        if first.fact_type == "quantity" and roles and first.detail != second.detail:
            return False
    elif first.detail and second.detail and first.detail != second.detail:
        return False
    return True


def _bounds(value: float, qualifier: str) -> tuple[float, float]:
    if qualifier in _LOWER:
        return value, float("inf")
    if qualifier in _UPPER:
        return 0.0, value
    if qualifier in _ROUGH:
        return value * 0.9, value * 1.1
    # Unhedged amounts agree within rounding: "1.02 million" and "a million" are one number said twice.
    return value * 0.97, value * 1.03


def _number(fact: MatchFact) -> float | None:
    value = fact.value
    if fact.fact_type == "sensor_format" and isinstance(value, str):
        numerator, _, denominator = value.partition("/")  # "1/1.1", or "1" for a one-inch sensor
        try:
            return float(numerator) / float(denominator or 1)
        except (ValueError, ZeroDivisionError):
            return None
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return None
    if value is None:
        return None
    if fact.fact_type == "duration":
        return float(value) * _DURATION_DAYS.get(fact.unit, 1.0)
    return float(value)


def _dates_agree(first: MatchFact, second: MatchFact) -> bool:
    if isinstance(first.value, str) and isinstance(second.value, str) and first.value and second.value:
        if "Q" in first.value or "Q" in second.value or "H" in first.value or "H" in second.value:
            # A quarter or a half agrees with a year, month or day inside it: "the third quarter" and "July".
            (low_a, high_a), (low_b, high_b) = _months_of(first.value), _months_of(second.value)
            return low_a <= high_b and low_b <= high_a
        # "2022" and "2022-07" differ only in precision; so do "the 1990s" and 1995.
        a, b = (value[:3] if value.endswith("0s") else value for value in (first.value, second.value))
        return a.startswith(b) or b.startswith(a)
    if first.month and second.month:
        return first.month == second.month
    return True


def _months_of(value: str) -> tuple[str, str]:
    """The first and last month ("2022-07") a date value covers: "2022", "2022-07", "2022-07-15", "2022-Q3" or
    "2022-H2"."""
    year, _, rest = value.partition("-")
    if rest[:1] in ("Q", "H"):
        months = 3 if rest[0] == "Q" else 6
        last = months * int(rest[1:])
        return f"{year}-{last - months + 1:02d}", f"{year}-{last:02d}"
    if rest:
        return f"{year}-{rest[:2]}", f"{year}-{rest[:2]}"
    return f"{year}-01", f"{year}-12"


def compare(first: MatchFact, second: MatchFact) -> Comparison:
    """Agreement or contradiction of two compatible facts, with the reason in a few words."""
    if first.fact_type == "sensor_format" and (first.detail.startswith("as ") != second.detail.startswith("as ")):
        wrong = first if first.detail.startswith("as ") else second
        return Comparison(False, f"one gives the sensor format {wrong.detail}")
    if first.fact_type == "date":
        agree = _dates_agree(first, second)
        return Comparison(agree, "same date" if agree else "different dates")
    if first.fact_type == "rank":
        agree = first.value is not None and second.value is not None and int(first.value) == int(second.value)
        return Comparison(agree, "same rank" if agree else "different ranks")
    if first.fact_type == "age":
        agree = first.value is not None and second.value is not None and int(first.value) == int(second.value)
        return Comparison(agree, "same age" if agree else "different ages")
    a, b = _number(first), _number(second)
    if a is None or b is None:
        return Comparison(True, "no comparable value")
    low_a, high_a = _bounds(a, first.qualifier)
    low_b, high_b = _bounds(b, second.qualifier)
    agree = low_a <= high_b and low_b <= high_a
    return Comparison(agree, "same value" if agree else "different values")


# --- Describing -----------------------------------------------------------------------------------------------


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def describe_value(fact: MatchFact) -> str:
    """A value as a reader would say it: "5 years", "3rd largest", "1/1.1-inch as focal length", "2022-07"."""
    value = fact.value
    hedge = f"{fact.qualifier} " if fact.qualifier else ""
    if fact.fact_type == "duration" and isinstance(value, (int, float)):
        unit = fact.unit or "year"
        return f"{hedge}{value:g} {unit}{'' if value == 1 else 's'}"
    if fact.fact_type == "rank" and value is not None:
        superlative = fact.concept.split()[0] if " " in fact.concept else ""
        return f"{_ordinal(int(value))} {superlative}".strip()
    if fact.fact_type == "sensor_format":
        return f"{value}-inch" + (f" {fact.detail}" if fact.detail.startswith("as ") else "")
    if fact.fact_type == "date":
        return f"{fact.text} ({value})" if value and str(value) not in fact.text else fact.text
    if fact.fact_type == "age" and isinstance(value, (int, float)):
        return f"{value:g} years old"
    if fact.fact_type == "percent" and isinstance(value, (int, float)):
        return f"{hedge}{value:g}%"
    return f"{fact.text}"


def describe(fact: MatchFact, subject_name: str = "") -> str:
    """What a group is about: "Huawei partnership duration", "Xiaomi largest maker rank", "sensor size"."""
    concept = fact.concept.split(":")[0]
    parts = []
    name = subject_name or (fact.partner if fact.concept == "partnership" else fact.owner)
    if name:
        parts.append(name.capitalize())
    if fact.fact_type == "rank":
        parts.append(f"rank among {concept.split()[-1]}s")
    else:
        parts.append(concept)
        label = _TYPE_LABELS.get(fact.fact_type, fact.fact_type)
        if label != concept:  # "Marsh age", not "Marsh age age"
            parts.append(label)
    text = " ".join(parts)
    return text[:1].upper() + text[1:]


def summarise(members: Sequence[Member]) -> GroupSummary:
    """Agreement or contradiction of a whole group, in one line that names the values and their sources.

    Only facts from different articles can contradict each other: one article's two sentences are its own
    business.
    """
    if not members:
        return GroupSummary(False, "", "", 0)
    owners = Counter(member.fact.owner for member in members if member.fact.owner)
    partners = Counter(member.fact.partner for member in members if member.fact.partner)
    name = (partners or owners).most_common(1)[0][0] if (partners or owners) else ""
    label = describe(members[0].fact, name)
    articles = {member.article_id for member in members}
    conflict = None
    for i, first in enumerate(members):
        for second in members[i + 1 :]:
            if first.article_id == second.article_id:
                continue
            result = compare(first.fact, second.fact)
            if not result.agree:
                conflict = (first, second)
                break
        if conflict:
            break
    if conflict:
        first, second = conflict
        explanation = (
            f"{label}: {describe_value(first.fact)} ({first.source}) vs {describe_value(second.fact)} ({second.source})"
        )
        return GroupSummary(True, explanation, label, len(articles))
    values = list(dict.fromkeys(describe_value(member.fact) for member in members))
    explanation = f"{label}: {len(articles)} articles agree ({'; '.join(values[:3])})"
    return GroupSummary(False, explanation, label, len(articles))


# --- Grouping -------------------------------------------------------------------------------------------------

# Which fact of a claim decides its group when it has several: the most specific kinds first.
_PRIORITY = {"duration": 0, "sensor_format": 1, "rank": 2, "date": 3, "quantity": 4, "percent": 5, "money": 6}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored fact of another article's claim, found by a shared blocking key."""

    claim_id: int
    article_id: int
    group_key: str | None
    fact: MatchFact


@dataclass(frozen=True, slots=True)
class Assignment:
    """Put ``claim_id`` (and the ungrouped candidates ``pulled``) in the group ``group_key``."""

    claim_id: int
    group_key: str
    fact: MatchFact
    pulled: tuple[int, ...] = ()


def plan_groups(
    *,
    article_id: int,
    claims: Mapping[int, Sequence[MatchFact]],
    candidates: Sequence[Candidate],
    current: Mapping[int, str | None] | None = None,
    excluded: frozenset[tuple[str, int]] = frozenset(),
) -> list[Assignment]:
    """Groups for one new article's claims against stored candidates; nothing else is compared.

    A claim already in a group stays there (matching again changes nothing); a claim joins the group most of
    its compatible candidates are in, or founds one keyed by the blocking key it shares with them. A reviewer's
    broken match, ``(group_key, claim_id)`` in ``excluded``, is never made again.
    """
    current = current or {}
    by_block: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        if candidate.article_id == article_id:
            continue
        for block in candidate.fact.blocks:
            by_block.setdefault(block, []).append(candidate)
    taken: dict[int, str] = {}
    plans: list[Assignment] = []
    for claim_id, facts in claims.items():
        for fact in sorted(facts, key=lambda item: (_PRIORITY.get(item.fact_type, 9), item.index)):
            matched: dict[int, Candidate] = {}
            shared_block = ""
            for block in fact.blocks:
                for candidate in by_block.get(block, ()):
                    if candidate.claim_id not in matched and compatible(fact, candidate.fact):
                        matched[candidate.claim_id] = candidate
                        shared_block = shared_block or block
            if not matched:
                continue
            own = current.get(claim_id)
            if own and not own.startswith(fact.signature + "|"):
                continue
            group_key = own or _choose_group(claim_id, fact, matched.values(), taken, excluded)
            if group_key is None:
                group_key = (
                    shared_block if not fact.owner or fact.owner in shared_block else f"{shared_block}+{fact.owner}"
                )
                if (group_key, claim_id) in excluded:
                    continue
            pulled = tuple(
                candidate.claim_id
                for candidate in matched.values()
                if not candidate.group_key
                and candidate.claim_id not in taken
                and (group_key, candidate.claim_id) not in excluded
            )
            for pulled_id in pulled:
                taken[pulled_id] = group_key
            taken[claim_id] = group_key
            plans.append(Assignment(claim_id=claim_id, group_key=group_key, fact=fact, pulled=pulled))
            break
    return plans


def _choose_group(claim_id, fact: MatchFact, matched: Iterable[Candidate], taken, excluded) -> str | None:
    # A candidate's group may be about another of its facts (a claim sits in one group): only same-fact groups count.
    counts = Counter(
        key
        for key in (candidate.group_key or taken.get(candidate.claim_id) for candidate in matched)
        if key and key.startswith(fact.signature + "|")
    )
    for group_key, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        if (group_key, claim_id) not in excluded:
            return group_key
    return None
