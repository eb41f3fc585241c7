"""Sentences that are page furniture, not claims: credits, captions, bylines, bios, calls to action, headings.

``page_furniture`` needs only the sentence; ``unclaimed_statement`` also looks at its facts, because a question or an
opinion that carries a checkable fact is judged on that fact, while one without any is not a claim.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from claim_engine.facts import _MONTH_NUMBER, _WEEKDAYS
from claim_engine.types import Fact


class _Rule:
    """A case-insensitive rule, made of alternatives that are each searched only when the lower-cased sentence holds
    one of the words the alternative cannot match without; anchored ones ("^...") cost one attempt and always run.

    Searched over a whole sentence, a case-insensitive alternation that starts at a word boundary is tried at every
    character; a substring test on the lower-cased sentence is a fast C scan. The test is sound because, under
    ``re.I``, an ASCII letter in a pattern matches only that letter in either case or one of four other characters:
    a sentence holding any of those is searched in full.
    """

    __slots__ = ("anchored", "gate", "gated", "whole", "words")

    def __init__(self, *alternatives: tuple[str, tuple[str, ...]]) -> None:
        self.whole = re.compile("|".join(source for source, _ in alternatives), re.I)
        anchored = [source for source, words in alternatives if not words]
        gated = [source for source, words in alternatives if words]
        self.anchored = re.compile("|".join(anchored), re.I) if anchored else None
        self.gated = re.compile("|".join(gated), re.I)
        # Once each: two alternatives may need the same word ("think").
        self.words = tuple(dict.fromkeys(word for _, words in alternatives for word in words))
        self.gate = re.compile("|".join(map(re.escape, self.words)))

    def search(self, sentence: str, lowered: str | None) -> bool:
        """Whether the rule matches ``sentence``; ``lowered`` is its lower-cased form, or None to search in full."""
        if lowered is None:
            return self.whole.search(sentence) is not None
        if self.anchored is not None and self.anchored.search(sentence):
            return True
        return self.gate.search(lowered) is not None and self.gated.search(sentence) is not None


_ALWAYS: tuple[str, ...] = ()
# The characters other than ASCII letters that re.I matches to an ASCII letter: İ, ı, ſ and the Kelvin sign.
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
_PROFESSIONS = (
    "editor",
    "writer",
    "reporter",
    "journalist",
    "correspondent",
    "contributor",
    "columnist",
    "blogger",
    "foodie",
)
_OPINION_WORDS = ("worth", "interesting", "exciting", "amazing", "awesome", "impressive")

_CREDIT = _Rule(
    (
        # "Image: ...", "Photograph by ...", "Photos courtesy of ...": not "Video footage showed ..." or "Photos show".
        r"^\W*(?:top\s+)?(?:image|photo|picture|photograph|video|illustration)s?"
        r"(?:\s+(?:credit|courtesy|by|source)\b|\s*[:|/]|\s*$)",
        _ALWAYS,
    ),
    (r"\((?:image|photo|picture)s?\s+(?:credit|courtesy|by|source)\b", ("(image", "(photo", "(picture")),
    (r"^\W*(?:credit|source|courtesy|disclosure|disclaimer)s?\s*:", _ALWAYS),
    # Disclosures without the label: "Our reviews are independent.", "This fact check was published under a
    # partner programme.", and the right of reply, "We contacted the firm but did not receive a response." Not "Our
    # reviews found 12 faults." or "This article was published in 2019 and ...".
    (
        r"^\W*(?:our\s+(?:reviews?|journalism|reporting|coverage)\s+(?:is|are)\s+(?:editorially\s+)?"
        r"(?:independent|impartial)\b|this\s+(?:fact[-\s]check|article|story|piece|review|report)\s+(?:was|is|has\s+been)\s+"
        r"(?:published|produced|written|funded|supported)\s+(?:under|as\s+part\s+of|in\s+partnership\s+with|"
        r"with\s+(?:funding|support)\s+from)\b|(?![^.]*\d)we\s+(?:contacted|approached|asked)\s+[^.]{1,60}?\bbut\s+(?:did\s+not|"
        r"didn[’']t|have\s+not|haven[’']t)\s+(?:receive|get|had|heard)\b)",
        _ALWAYS,
    ),
    # A press release's tail: "Media contact: ...", "Press enquiries: ...".
    (r"^\W*(?:(?:media|press)\s+)?(?:contacts?|enquiries|inquiries)\s*:", _ALWAYS),
    (r"^\s*(?:copyright\b|©|\(c\)\s+(?:19|20)\d\d)", _ALWAYS),
    (r"\ball\s+rights\s+reserved\b", ("rights",)),
    (
        r"\b(?:getty images|shutterstock|reuters/|ap photo)\b",
        ("getty images", "shutterstock", "reuters/", "ap photo"),
    ),
    # "(Lunar Dynamics/Handout via Reuters)", "(Pool via AP)": an agency's credit at the end of a caption.
    (r"\([^()]{0,60}\b(?:handout|via\s+(?:reuters|ap|afp|getty))\b[^()]{0,40}\)\W*$", ("handout", "via")),
    # "Vega is pictured in a rendering", "The couple are pictured in 2019": the words of a caption.
    (r"\b(?:is|are)\s+pictured\b", ("pictured",)),
)
_MORE = re.compile(
    r"^\W*(?:see|read|view|watch|show|load)\s+(?:more|also|all|full)\b|^\W*(?:advertisement|related)\b"
    # "Watch: Why chip stocks are falling (2:14)", "Listen: the full interview": a link to other media.
    r"|^\W*(?:watch|listen|podcast|gallery|in\s+pictures|quiz)\s*:",
    re.I,
)
# "About Nordvik Energy: Nordvik is ...": a press release's paragraph about the company, which the pipeline drops
# whole ("Founded in 2014, it employs 3,200 people." is the company's own blurb, not the news). Not "About 300 people
# attended." or "About half of them: ...": a name in title case follows.
_ABOUT = re.compile(r"^\W*(?-i:About\s+[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4})\s*:", re.I)
# "Sponsored content: Plan your winter break with ...": an advertisement, the rest of its paragraph included ("Book by
# Friday and save 20%."). Only with the colon: "Sponsored by the council, the scheme cost £2m." is news.
_SPONSORED = re.compile(
    r"^\W*(?:sponsored(?:\s+(?:content|post|feature|message|links?))?|paid\s+(?:content|post|partnership)"
    r"|promoted(?:\s+(?:content|stories))?|advertorial|partner\s+content)\s*:",
    re.I,
)
# The labels and notes of a format, each a sentence of its own: a fact-check's rating ("Verdict: False.", "Rating:
# Mostly true"), a table's caption ("Table 1: Offences by force area"), a wire's standards line ("Our Standards: The
# Trust Principles."), a newswire's source line ("SOURCE Acme Robotics, Inc."), a court report's stock close ("The
# trial continues.", "The hearing continues on Monday."). Not "Verdict: the jury found him guilty of fraud after a
# 12-week trial." (a rating is one of a few words), "Table 1 shows a 9% rise." (a caption has its colon) or "The
# trial continues with evidence from 12 witnesses." (that says what comes next).
_FORMAT_LABEL = re.compile(
    r"^\W*(?:"
    r"(?:our\s+|the\s+)?(?:verdict|rating)\s*:\s*(?:true|false|mostly\s+(?:true|false)|half[-\s]true|"
    r"partly\s+(?:true|false)|misleading|missing\s+context|needs\s+context|unproven|unsupported|mixed|correct|"
    r"incorrect|accurate|inaccurate|exaggerated|pants\s+on\s+fire|fake|satire|no\s+evidence|"
    r"\d{1,2}(?:\.\d)?\s*(?:/|out\s+of)\s*(?:5|10)|[★☆]+)\W*$"
    r"|(?:table|figure|fig\.|chart|graphic)\s+\d{1,3}[a-z]?\s*:"
    r"|our\s+standards\s*:"
    r"|(?-i:SOURCE\s+[A-Z])"
    r"|the\s+(?:trial|case|hearing|inquest|inquiry)\s+(?:continues|resumes)"
    r"(?:\s+(?:today|tomorrow|next\s+week|(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day))?\W*$"
    r")",
    re.I,
)
# "The following is a transcript of the governor's speech, as prepared by our staff.": the desk's note on the text,
# the rest of its paragraph included ("It has been lightly edited for clarity.").
_EDITOR_NOTE = re.compile(
    r"^\W*the\s+following\s+is\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}(?:transcript|excerpt|extract)\b", re.I
)
# "This article was amended on 13 March 2026 to correct ...", "Correction: An earlier version of this post said ...".
_CORRECTION = re.compile(
    r"^\W*(?:this\s+(?:article|story|piece|report)\s+(?:was|has\s+been)\s+(?:amended|updated|corrected|edited)\b"
    r"|(?:correction|clarification|editor['’]s\s+note)\s*:)",
    re.I,
)
_BYLINE = re.compile(
    r"^\W*[Bb]y\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"|^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3},\s+(?:[A-Z]?[a-z]+\s+){0,2}"
    r"(?i:writer|editor|reporter|correspondent|journalist|contributor|columnist)\b"
    # Wire credits: "(Reporting by Ana Ruiz; additional reporting by ...)", "Editing by Tom Hale".
    r"|^\W*(?:[Aa]dditional\s+)?(?:[Rr]eporting|[Ww]riting|[Ee]diting)\s+by\s+[A-Z]",
)
# "Associated Press writer Mark Lyle contributed to this report.", "Ana Ruiz contributed reporting from Lima."
_CONTRIBUTION = re.compile(r"\bcontributed\s+(?:reporting\b|(?:\w+\s+)?to\s+this\s+(?:report|story|article)\b)", re.I)
# "Posted Nov. 4, 2026, 6:15 a.m.", "Updated: Wed 29 October 2026 14:05 GMT": a time stamp and nothing else, so that
# "Published figures show a 40% rise." stays a sentence. The rest of the line is read word by word, not by one
# pattern, whose nested repetition could backtrack for ever on a long line that fails at its end.
_TIMESTAMP = re.compile(r"^\W*(?:posted|updated|published|last\s+updated|first\s+published)(?:\s+on)?\s*:?\s+", re.I)
_TIMESTAMP_WORDS = frozenset(
    (
        *(name.lower() for name in _MONTH_NUMBER),
        *(name.lower() for name in _WEEKDAYS),
        *(name[:3].lower() for name in _WEEKDAYS),
        *("tues", "thur", "thurs", "am", "pm", "a.m", "p.m", "at", "on", "gmt", "utc"),
        *("bst", "cet", "cest", "et", "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt", "pt", "pst", "pdt"),
    )
)
_TIMESTAMP_NUMBER = re.compile(r"\d{1,4}(?:[:.]\d\d)?(?:st|nd|rd|th)?")
_TIMESTAMP_SEPARATORS = re.compile(r"[\s,|·/()-]+")


def _is_timestamp(line: str) -> bool:
    prefix = _TIMESTAMP.match(line)
    if prefix is None:
        return False
    words = [word.rstrip(".").lower() for word in _TIMESTAMP_SEPARATORS.split(line[prefix.end() :]) if word]
    return bool(words) and all(word in _TIMESTAMP_WORDS or _TIMESTAMP_NUMBER.fullmatch(word) for word in words)


_BIO = _Rule(
    (
        r"\b(?:is|was)\s+(?:a|an|the|our)\s+(?:[\w'’-]+\s+){0,3}(?:editor|writer|reporter|journalist|correspondent|"
        r"contributor|columnist|blogger|foodie)\b",
        _PROFESSIONS,
    ),
    (r"\bwho\s+(?:covers|writes\s+about|reports\s+on)\b", ("covers", "writes", "reports")),
    # "Priya Raman covers transport ...": a person's name opening the sentence, then what they cover.
    (
        r"^(?-i:(?!(?:The|A|An|This|That|Our|Their)\b)[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,2}\s+"
        r"(?:covers|writes\s+about)\s+[a-z])",
        ("covers", "writes"),
    ),
    # "Chris Bell has covered Harrow Town for the Gazette since 2012": what a name has covered, and for which paper.
    (
        r"^(?-i:(?!(?:The|A|An|This|That|Our|Their)\b)[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,2}\s+(?:has|had)\s+"
        r"(?:covered|reported\s+on|written\s+about|been\s+(?:covering|writing\s+about|reporting\s+on))\s"
        r"[^.]{0,120}?\bfor\s+[Tt]he\s+[A-Z])",
        (
            *("has covered", "had covered", "has reported on", "had reported on", "has written about"),
            *("had written about", "been covering", "been writing about", "been reporting on"),
        ),
    ),
    # "Sam Ortiz has reviewed phones for Gadget Weekly since 2018": a reviewer, a title and the year they started.
    (
        r"^(?-i:(?!(?:The|A|An|This|That|Our|Their)\b)[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,2}\s+(?:has|had)\s+"
        r"(?:reviewed|been\s+reviewing)\s[^.]{0,120}?\bfor\s+(?:[Tt]he\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
        r"\s+since\s+(?:19|20)\d\d)",
        ("review",),
    ),
    (r"\bfound\s+(?:an|a\s+keen|a\s+deep)\s+interest\s+in\b", ("interest",)),
    (r"\b(?:his|her|their)\s+(?:other\s+)?hobbies\b", ("hobbies",)),
    (r"\bin\s+(?:his|her)\s+(?:spare|free)\s+time\b", ("spare", "free")),
)
# A person's name opening a paragraph: "Priya Natarajan", "Dr Amara Quinn", "Anneke de Vries", "Clara Ibáñez".
_NAME = (
    r"(?!(?:The|A|An|This|That|These|Those|Our|Their|Its|His|Her|It|He|She|They|We|In|On|At|For|But|And)\b)"
    r"[A-Z][\w'’.-]+(?:\s+(?:(?:de|van|von|der|den|da|di|du|le|la|al|el|bin|ter|dos|del)\s+)?[A-Z][\w'’.-]+){1,2}"
)
# The writer's bio in the shapes that are news in the body of a story: the name, then a desk or beat without an
# article ("Priya Natarajan is economics editor.", "Anneke de Vries is Europe economics correspondent, based in
# Brussels."), what the writer has covered and for how long ("Tom Ellery has covered Scottish football for more than 15
# years.", "Sam Okoro has reviewed phones for eight years.", "... is a former NHS doctor and has written about medicine
# for the paper since 2016."), or what the writer reports on and where from ("Clara Ibáñez reports on climate from
# Madrid.", "Jonathan Pierce writes obituaries for the paper."). "Dana Reyes is finance editor at the bank" or "John
# Hale has covered the cost for 15 years" in the body is news, so the pipeline reads a paragraph this way only after the
# story's last claim.
_CLOSING_BIO = re.compile(
    # Not a statement someone made about the name ("Mark Hale has reviewed the policy for two years, the council said").
    r"^(?![^.]*\b(?:said|says|told|according\s+to)\b)"
    rf"{_NAME}\s+(?:"
    # The words before the desk: not a step towards it ("is expected to be named editor").
    r"(?:is|was)\s+(?:(?:a|an|the|our)\s+)?"
    r"(?:(?!(?:to|be|not|no|set|expected|likely|named|appointed)\b)[\w'’&-]+\s+){0,5}?"
    r"(?:editor|writer|reporter|journalist|correspondent|contributor|columnist)s?\b"
    r"|(?:[^.]{0,60}?\band\s+)?(?:has|had)\s+(?:covered|reported\s+on|written\s+about|reviewed|"
    r"been\s+(?:covering|reporting\s+on|writing\s+about|reviewing))\s"
    # What is paid for is covered too ("Acme Insurance has covered losses for Bolt Corp since 2019").
    r"(?!(?:the\s+|its\s+|their\s+)?(?:costs?|loss(?:es)?|bills?|fees|damages?|claims|expenses|shortfall|deficit|"
    r"debts?|spending|wages|salaries|rent)\b)"
    r"[^.]{0,120}?\b(?:for|since)\b"
    r"|(?:covers|reports\s+(?:on|from)|writes)\s[^.]{0,100}?\b(?:from|for)\s+"
    r"(?:the\s+(?:paper|newspaper|site|website|magazine)\b|(?:[Tt]he\s+)?[A-Z])"
    r")"
)


def closing_bio(paragraph: str) -> bool:
    """Whether ``paragraph`` opens like a writer's bio, which it is when no claim of the story follows it."""
    return _CLOSING_BIO.match(paragraph.strip()) is not None


_CALL_TO_ACTION = _Rule(
    (
        r"^\W*(?:subscribe|sign\s+up|follow\s+(?:us|our|him|her|them|me|@)|join\s+(?:us|our)|click|tap\s+here|"
        r"download\s+(?:our|the\s+app)|share\s+this|stay\s+tuned|don[’']t\s+miss|like\s+us|"
        r"get\s+(?:our|the\s+latest)|listen\s+to\s+(?:this|the)\s+(?:article|story)|"
        # One "if you" alternative, not three: each alternative costs every sentence an attempt.
        r"if\s+you\s+(?:(?:or\s+someone\s+you\s+know\s+)?(?:have\s+been|are\s+being|are|were)\s+affected|"
        r"have\s+(?:any\s+)?information|"
        # A condition put to the reader with what to do about it: "If you have chest pain, call 999 or visit A&E.",
        # "If you feel dizzy in the heat, drink water, find shade and call 112." Not "If you earn £50,000, your tax
        # rises by £500." or "If you confiscate their wealth, take it all, you cannot balance the budget."
        r"[^.?!]{1,120}?,\s+(?:please\s+)?(?:call|ring|dial|phone|text|contact|visit|seek|see|go|speak|talk|tell|email|"
        r"drink|stay|stop|leave))|"
        r"anyone\s+with\s+(?:any\s+)?information|"
        r"(?:residents|readers|viewers|listeners|customers|passengers|users|you)\s+(?:can|should)\s+(?:find\s+out|"
        r"visit|read\s+more|watch|listen|sign\s+up|register|apply|donate|check\s+(?:whether|if|the\s+status))|"
        r"(?:to\s+)?find\s+out\s+more|for\s+more\s+information|"
        r"refresh\s+(?:this|the)\s+page|"
        # "Write to us at letters@example.com.", "Let us know in the comments below."
        r"write\s+to\s+(?:us|me|the\s+editor)|e-?mail\s+us|let\s+us\s+know|"
        # A help line: "Call 999 in an emergency.", "In an emergency, dial 112."
        r"in\s+an\s+emergency,?\s+(?:call|ring|dial)\s+\d+|(?:call|ring|dial)\s+\d+"
        r")\b",
        _ALWAYS,
    ),
    (r"^\W*\d+\s*min(?:ute)?s?\s+read\b", _ALWAYS),
    # A dateline's reading time: "October 29, 2026 · 4 min read".
    (r"\b\d+\s*min(?:ute)?s?\s+read\W*$", ("min read", "mins read", "minute read", "minutes read")),
    (
        r"\b(?:subscribe\s+to\s+our|sign\s+up\s+for\s+our|follow\s+us\s+on)\b",
        ("subscribe", "sign", "follow"),
    ),
)
# Every pattern of the five rules above that can match anywhere but at the start needs one of its words; the rest
# are anchored. So a sentence that none of the anchored patterns match and that holds none of the words is none of
# those five kinds, which two searches tell instead of up to eight.
_ANY_ANCHORED = re.compile(
    "^(?:"
    + "|".join(
        [
            f"(?i:{_CREDIT.anchored.pattern})",
            f"(?i:{_MORE.pattern})",
            f"(?i:{_CORRECTION.pattern[1:]})",
            f"(?i:{_ABOUT.pattern[1:]})",
            f"(?i:{_SPONSORED.pattern[1:]})",
            f"(?i:{_FORMAT_LABEL.pattern[1:]})",
            f"(?i:{_EDITOR_NOTE.pattern[1:]})",
            _BYLINE.pattern,
            f"(?i:{_TIMESTAMP.pattern[1:]})",
            f"(?i:{_CALL_TO_ACTION.anchored.pattern})",
        ]
    )
    + ")"
)
# "contributed" is _CONTRIBUTION's word.
_FURNITURE_WORDS = (*_CREDIT.words, *_CALL_TO_ACTION.words, *_BIO.words, "contributed")
_ANY_WORD = re.compile("|".join(map(re.escape, _FURNITURE_WORDS)))
_CATEGORY = re.compile(r"^[^a-z]*$")
_TERMINALS = ".!?…"
_CLOSERS = "\"'”’)]"
# "Consider the numbers.", "Imagine a city without buses.": the writer turning to the reader, which states nothing
# unless a fact follows (and then the sentence is judged on that fact).
_ADDRESS_TO_THE_READER = re.compile(r"\W*(?:Consider|Imagine|Picture|Remember|Think\s+(?:about|of)|Take)\s+(?!that\b)")
_OPINION = _Rule(
    (
        r"\b(?:i|we)\s+(?:think|believe|feel|hope|love|hate)\b",
        ("think", "believe", "feel", "hope", "love", "hate"),
    ),
    (r"\bin\s+(?:my|our)\s+(?:opinion|view)\b", ("opinion", "view")),
    (r"\bworth\b|\binteresting\b|\bexciting\b|\bamazing\b|\bawesome\b|\bimpressive\b", _OPINION_WORDS),
    (r"\bwe\s+(?:can|could)\s+expect\b", ("expect",)),
)
# "Many climatologists think so.": a short answer that says nothing of its own, only that someone agrees. Tried only
# on a sentence that ends in "so", at its start; its words are among _OPINION's, so ArticleWords gates it too.
_AGREEING = re.compile(r"\W*(?:[\w'’-]++\s+){0,4}(?:think|thinks|believe|believes|hope|hopes)\s+so\W*$", re.I)
_HEADING_MAX_WORDS = 6


def page_furniture(sentence: str, *, rule_words: bool | None = None) -> str | None:
    """Why a sentence is page furniture ("credit", "byline", ...), or None when it may be a claim.

    ``rule_words`` is whether the sentence holds one of the words the unanchored rules need, when the caller knows it
    from ``ArticleWords``; by default the sentence is searched for them.
    """
    stripped = sentence.strip()
    if rule_words is None:
        lowered = _lowered(stripped)
        rule_words = lowered is None or _ANY_WORD.search(lowered) is not None
    if rule_words or _ANY_ANCHORED.match(stripped):
        reason = _credit_byline_or_bio(stripped, _lowered(stripped))
        if reason:
            return reason
    if _CATEGORY.match(stripped):
        return "label"
    if not _ends_with_terminal(stripped) and _looks_like_heading(stripped):
        return "heading"
    return None


# A line that is only the label of a block of furniture takes the block with it, not just itself. A list's label
# ("Most read", "Related stories", "Read more:", "More from Business", "Sources", "Footnotes", "Media contacts") takes
# the lines under it that read as links or items, and end matter its paragraph (see list_block_end): links to other
# stories, citations, footnotes and contacts are none of the story's claims, and the story goes on after them ("Most
# read" above the body of a page copied whole). A section's label ("About Acme Robotics", "Forward-Looking
# Statements", "Safe Harbor Statement", "Disclaimer", "Notes to editors") takes everything to the next heading,
# another label, or the end: a press release's tail runs over paragraphs. A sentence is never a label ("Sources said
# the deal was worth $5bn.", "About 300 people attended.").
_LIST_LABEL = re.compile(
    r"\W*(?:most\s+(?:read|popular|viewed|shared|watched)|trending(?:\s+now)?"
    r"|related(?:\s+(?:stories|articles|content|links|coverage|reading|topics))?|more\s+(?:from|on|in)\s+[^.!?\n]{1,40}"
    r"|read\s+(?:more|next|also)|recommended(?:\s+(?:for\s+you|reading|stories|articles))?"
    r"|you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)|further\s+reading|sources|footnotes|notes"
    r"|references|(?:(?:media|press|investor)\s+)?(?:contacts?|enquiries|inquiries))\s*:?\s*",
    re.I,
)
_SECTION_LABEL = re.compile(
    r"\W*(?:(?-i:About\s+[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4})|forward[-\s]looking\s+statements?"
    r"|safe\s+harbou?r(?:\s+statement)?|(?:important\s+)?disclaimer|notes?\s+(?:to|for)\s+editors?)\s*:?\s*",
    re.I,
)


# The labels of a story's end matter, whose block is the paragraph under them even in prose ("Sources" / "Figures
# from the ONS ..."); navigation ("Most read", "Related", "More from ...") takes only lines that read
# as links or list items, so that a subheading such as "More on the way" keeps the story under it.
_END_MATTER_LABEL = re.compile(
    r"\W*(?:sources|footnotes|notes|references|(?:(?:media|press|investor)\s+)?(?:contacts?|enquiries|"
    r"inquiries))\s*:?\s*",
    re.I,
)
_FOOTNOTE_OR_RANK = re.compile(r"\s*(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\d{1,2}[.)]?\s|[-•*·▪►]\s)")
# At most this many lines under a list's label when no blank line closes the block: a story pasted with single line
# breaks has no blank line after its last link.
_LIST_LINES = 12


def list_block_end(text: str, label: str, position: int) -> int:
    """Where the block under a list's ``label`` ends, the label's line ending at ``position``."""
    end_matter = _END_MATTER_LABEL.fullmatch(label) is not None
    end = position
    lines_taken = 0
    blank_seen = False
    for line_match in _LINE.finditer(text, position):
        line = line_match.group().strip()
        if not line:
            if lines_taken:
                break  # a blank line after the block's lines closes it
            blank_seen = True
            continue
        link_like = not _ends_with_terminal(line) or _FOOTNOTE_OR_RANK.match(line) is not None
        # End matter takes its prose paragraph when a blank line sets it off, or its first line when none does.
        if not link_like and not (end_matter and (blank_seen or lines_taken == 0)):
            break
        end = line_match.end()
        lines_taken += 1
        if lines_taken >= _LIST_LINES or (not link_like and not blank_seen):
            break
    return end


_LINE = re.compile(r"[^\n]*\n?")


def about_section_applies(label: str, text: str, position: int) -> bool:
    """Whether "About X" on a line of its own opens a press release's "About" section: the paragraph under it starts
    with X ("About Acme Robotics" / "Acme Robotics designs ..."), which a subheading such as "About Time" above a
    theatre review's paragraph does not."""
    stripped = label.strip().rstrip(":").strip()
    if not stripped.startswith("About "):
        return True
    name = stripped[len("About ") :].split()[0]
    return text[position:].lstrip().startswith(name)


def block_reach(line: str) -> str | None:
    """How far the furniture under ``line``, a label on a line of its own, reaches: "list" (the lines under it, or
    the paragraph after it), "section" (to the next heading) or None when it is no block's label."""
    if len(line) > 60:
        return None
    if _LIST_LABEL.fullmatch(line):
        return "list"
    if _SECTION_LABEL.fullmatch(line):
        return "section"
    return None


_HEADLINE_MAX = 160
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def headline_end(text: str) -> int:
    """Where the article's headline ends, or 0 when it has none.

    The headline is the first line when it has no closing punctuation and more text follows: what it states, the
    story states again in its body, where the claim is anchored. A text of one unpunctuated line is a claim's own.
    A first line that asks or exclaims ("… the best camera phone of 2026?") is a headline too when a blank line
    parts it from the rest, as a paragraph of its own: a story does not open on a one-line question.
    """
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    if end == -1 or not text[end:].strip():
        return 0
    line = text[start:end].strip()
    if not line:
        return 0
    if not _ends_with_terminal(line):
        # "Opinion" / "We are sleepwalking into a teacher shortage": a section's label of a word or two, right above
        # the headline, heads the story with it. Not above a list's item ("Key points" / "- More than 84,000 homes
        # ...") or the story's own first sentence, which closes with a full stop.
        if len(line.split()) <= 2 and text[end + 1 : end + 2].isupper():
            below = text.find("\n", end + 1)
            if below != -1 and text[below:].strip() and not _ends_with_terminal(text[end + 1 : below].strip()):
                return below
        return end
    asks_or_exclaims = line.rstrip(_CLOSERS)[-1:] in "?!"
    return end if asks_or_exclaims and len(line) <= _HEADLINE_MAX and _BLANK_LINE.match(text, end) else 0


class ArticleWords:
    """Where the rules' words occur in a whole article, so that each sentence's test is a bisection.

    A substring scan of the lower-cased article per word (a fast C loop) costs far less than a regex search for all
    of them in every sentence. Sound because lower() maps each character to one (an article with "İ", the one
    character it lengthens, or with a character re.I folds to ASCII, gets no answers: ``None``, search the sentence),
    so a word in a sentence's lower-cased text is in the article's at the same place.
    """

    __slots__ = ("_furniture", "_opinion")

    def __init__(self, text: str) -> None:
        lowered = _lowered(text)
        sound = lowered is not None and len(lowered) == len(text)
        self._furniture = _word_starts(lowered, _FURNITURE_WORDS) if sound else None
        self._opinion = _word_starts(lowered, _OPINION.words) if sound else None

    def furniture_words_in(self, start: int, end: int) -> bool | None:
        """Whether ``text[start:end]`` may hold a word of the unanchored furniture rules, for ``page_furniture``."""
        return None if self._furniture is None else _any_between(self._furniture, start, end)

    def opinion_words_in(self, start: int, end: int) -> bool | None:
        """Whether ``text[start:end]`` may hold a word of the opinion rule, for ``unclaimed_statement``."""
        return None if self._opinion is None else _any_between(self._opinion, start, end)


def _word_starts(lowered: str, words: Sequence[str]) -> list[int]:
    starts = []
    for word in words:
        at = lowered.find(word)
        while at != -1:
            starts.append(at)
            at = lowered.find(word, at + 1)
    starts.sort()
    return starts


def _any_between(starts: list[int], start: int, end: int) -> bool:
    # A word that starts in the span and runs past its end makes the answer "maybe": the rule's search then decides.
    index = bisect_left(starts, start)
    return index < len(starts) and starts[index] < end


def _ends_with_terminal(line: str) -> bool:
    """Whether ``line`` ends with terminal punctuation, perhaps inside closing quotes or brackets."""
    body = line.rstrip(_CLOSERS)
    return bool(body) and body[-1] in _TERMINALS


# What the credit rule finds that credits no picture: a disclosure, the right of reply, a press contact, a copyright
# line.
# The sentences around it are none of its caption.
_NOT_A_PICTURE_CREDIT = re.compile(
    r"^\W*(?:disclosure|disclaimer|our\s|this\s|we\s|(?:media\s+|press\s+)?(?:contact|enquir|inquir)|copyright|©|\(c\))",
    re.I,
)


def _credit_byline_or_bio(stripped: str, lowered: str | None) -> str | None:
    if _CREDIT.search(stripped, lowered):
        return "disclosure" if _NOT_A_PICTURE_CREDIT.search(stripped) else "credit"
    if _MORE.search(stripped):
        return "see_more"
    if _CORRECTION.match(stripped):
        return "correction"
    if _ABOUT.match(stripped):
        return "about"
    if _SPONSORED.match(stripped):
        return "advertisement"
    if _FORMAT_LABEL.match(stripped):
        return "format_label"
    if _EDITOR_NOTE.match(stripped):
        return "editor_note"
    if _BYLINE.search(stripped) or _CONTRIBUTION.search(stripped):
        return "byline"
    if _is_timestamp(stripped):
        return "timestamp"
    if _CALL_TO_ACTION.search(stripped, lowered):
        return "call_to_action"
    if _BIO.search(stripped, lowered):
        return "author_bio"
    return None


def _lowered(text: str) -> str | None:
    """``text`` lower-cased for _Rule's word tests, or None when it holds a character that makes those tests unsound."""
    if text.isascii() or not _FOLDS_TO_ASCII.search(text):
        return text.lower()
    return None


def _looks_like_heading(line: str) -> bool:
    # Headlines, section titles, datelines and tag lines come without closing punctuation and are either short or in
    # title case; a sentence-case headline of a full statement is left to the scorer.
    words = line.split()
    if len(words) <= _HEADING_MAX_WORDS:
        return True
    alphabetic = [word for word in words if word[:1].isalpha() and len(word) > 3]
    capitalised = sum(word[0].isupper() for word in alphabetic)
    return bool(alphabetic) and capitalised / len(alphabetic) >= 0.7


def unclaimed_statement(
    sentence: str,
    facts: Sequence[Fact],
    *,
    opinion_words: bool | None = None,
    stated: Sequence[Fact] = (),
) -> str | None:
    """A rhetorical question or a pure opinion: nothing in it a reader could check.

    ``opinion_words`` is whether the sentence may hold a word of the opinion rule, when the caller knows it from
    ``ArticleWords``; by default the sentence is searched for them. ``stated`` holds the facts the text stated
    before the sentence.
    """
    if facts and "?" not in sentence:
        return None
    stripped = sentence.rstrip("\"'”’) ")
    if stripped.endswith("?"):
        # "What does this mean for 2028?", "Is it worth the extra $100?" after "... $100 more than last year's": a
        # bare year, or a figure the story has already given, is no claim of the question's own. "Did Acme sell 5
        # million phones in 2021?" is judged on the 5 million.
        if facts:
            earlier = {_fact_key(fact) for fact in stated}
            if any(not _bare_year(fact) and _fact_key(fact) not in earlier for fact in facts):
                return None
        return "question"
    if facts:
        return None
    if opinion_words is not False:
        if _OPINION.search(sentence, _lowered(sentence)) and not _reports_beside(sentence):
            return "opinion"
        if stripped.rstrip(_TERMINALS)[-3:].lower() == " so" and _AGREEING.match(sentence):
            return "opinion"
    if _ADDRESS_TO_THE_READER.match(sentence):
        return "address"
    return None


def _fact_key(fact: Fact) -> tuple:
    """What a fact states, wherever it stands: "$100" in one sentence and in another state the same."""
    return (fact.type, fact.value, fact.unit)


def _bare_year(fact: Fact) -> bool:
    return fact.type == "date" and fact.unit == "year"


# "... said the size of the study was impressive but warned that participants reported their own walking habits": a
# clause reported beside the one that holds the opinion word states something a reader could check. "The camera is
# impressive but the battery is not" is opinion in both.
_CLAUSE_BREAK = re.compile(r",?\s+(?:but|while|whereas|although|though)\s+|;\s+")
_REPORTED = re.compile(
    r"\b(?:said|says|warned|warns|noted|notes|added|adds|told|found|finds|showed|shows|reported|reports|confirmed"
    r"|announced)\b",
    re.I,
)


def _reports_beside(sentence: str) -> bool:
    clauses = _CLAUSE_BREAK.split(sentence)
    return len(clauses) > 1 and any(
        _REPORTED.search(clause) and not _OPINION.search(clause, None) for clause in clauses
    )
