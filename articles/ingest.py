"""Uploaded bytes (txt, html, docx, pdf) or pasted text -> clean text and metadata, or an IngestError.

Plain Python on purpose: no Django, so the web process, the worker and the tests can all call it without a database.
Every failure is an ``IngestError`` whose message starts with the file name and says what to do; nothing else
escapes, whatever the bytes (a property test holds this module to that).
"""

from __future__ import annotations

import codecs
import contextlib
import datetime
import hashlib
import io
import os
import re
import unicodedata
import xml.sax
import xml.sax.handler
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser

import defusedxml
import defusedxml.ElementTree
import defusedxml.sax

MB = 1024 * 1024
MAX_UPLOAD_BYTES = 20 * MB
# Far above any article (a long feature is ~100 000 characters), low enough that one upload cannot fill the worker.
MAX_TEXT_CHARS = 10_000_000
MAX_PDF_PAGES = 500
# pypdf's text extraction costs one to a few microseconds per byte of page content, and grows faster than linearly
# with the text operations on one page. These bound a hostile PDF to a few seconds of CPU; a 20-page article uses
# a few percent of them, a 150-page report about all.
MAX_PDF_CONTENT_BYTES = 4 * MB
MAX_PDF_TEXT_OPERATIONS = 150_000
MAX_PDF_PAGE_TEXT_OPERATIONS = 20_000
# A .docx is a ZIP archive: these bound what opening one can cost, whatever its headers claim.
MAX_ZIP_ENTRIES = 2_000
MAX_ZIP_UNCOMPRESSED_BYTES = 200 * MB
MAX_ZIP_RATIO = 100
# Small entries may compress as well as they like; a bomb has to be large to hurt.
ZIP_RATIO_EXEMPT_BYTES = 1 * MB
MAX_DOCX_XML_BYTES = 64 * MB
# html.parser spends microseconds on each tag, attribute and entity; a long article page has tens of thousands of them.
MAX_HTML_MARKUP = 300_000
MAX_METADATA_CHARS = 500
MAX_URL_CHARS = 2_000

PASTED_TEXT = "Pasted text"
SUPPORTED_FORMATS = ".txt, .html, .docx or .pdf"
TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml", ".shtml"})


class IngestError(ValueError):
    """Why an upload cannot become an article, phrased for the editor who uploaded it.

    ``code`` lets callers choose a status without parsing the message: ``too_large`` (HTTP 413), ``unsupported``,
    ``not_text``, ``damaged``, ``encrypted``, ``no_text``, ``too_complex`` or ``invalid`` (all 400).
    """

    def __init__(self, filename: str, problem: str, *, code: str = "invalid"):
        # args hold the constructor's arguments, so the error survives pickling and Celery's result serialisation.
        super().__init__(filename, problem)
        self.filename = filename
        self.problem = problem
        self.code = code

    def __str__(self) -> str:
        return f"{self.filename}: {self.problem}"

    def __reduce__(self):
        return _rebuild_ingest_error, (self.filename, self.problem, self.code)


def _rebuild_ingest_error(filename: str, problem: str, code: str) -> IngestError:
    return IngestError(filename, problem, code=code)


@dataclass(frozen=True)
class Document:
    filename: str | None
    format: str
    text: str
    title: str = ""
    outlet: str = ""
    author: str = ""
    url: str = ""
    published: datetime.date | None = None


# ---------------------------------------------------------------------------------------------------------------
# Entry points


def document_from_text(
    text: str,
    *,
    title: str = "",
    outlet: str = "",
    author: str = "",
    url: str = "",
    published: datetime.date | datetime.datetime | str | None = None,
    max_chars: int = MAX_TEXT_CHARS,
) -> Document:
    if len(text) > max_chars:
        raise IngestError(
            PASTED_TEXT, f"the text is {len(text):,} characters; the limit is {max_chars:,}", code="too_large"
        )
    clean_url = _clean_url(url)
    if url.strip() and not clean_url:
        raise IngestError(PASTED_TEXT, "the URL must start with http:// or https://")
    metadata = _Metadata(
        title=title, outlet=outlet, author=author, url=clean_url, published=_coerce_date(published, PASTED_TEXT)
    )
    return _finish(None, PASTED_TEXT, "text", text, metadata, max_chars=max_chars)


def document_from_upload(
    filename: str,
    data: bytes,
    *,
    max_bytes: int = MAX_UPLOAD_BYTES,
    max_chars: int = MAX_TEXT_CHARS,
    max_pdf_pages: int = MAX_PDF_PAGES,
) -> Document:
    name = display_name(filename)
    data = bytes(data)  # a memoryview or bytearray from an upload handler has no startswith()
    if len(data) > max_bytes:
        raise IngestError(
            name, f"the file is {_megabytes(len(data))} MB, over the {_megabytes(max_bytes)} MB limit", code="too_large"
        )
    extension = os.path.splitext(name)[1].lower()
    detected = _detect_binary_format(data)

    if detected == "pdf":
        text, metadata = _read_pdf(name, data, max_pages=max_pdf_pages, max_chars=max_chars)
        return _finish(name, name, "pdf", text, metadata, empty_hint=_PDF_EMPTY_HINT, max_chars=max_chars)
    if detected == "zip":
        text, metadata = _read_docx(name, data, max_chars=max_chars)
        return _finish(name, name, "docx", text, metadata, max_chars=max_chars)
    if detected is not None:
        raise IngestError(
            name, f"unsupported file type ({detected}); upload a {SUPPORTED_FORMATS} file", code="unsupported"
        )

    # No magic number: the bytes are text or nothing we read. Now the extension may decide between text and HTML,
    # but a binary extension on text bytes is usually a failed download saved under the wrong name, so say so.
    if extension in (".pdf", ".docx"):
        text = _decode_text_or_none(data)
        kind = "unrecognised data" if text is None else "HTML" if _looks_like_html(text) else "plain text"
        label = "PDF" if extension == ".pdf" else "Word .docx document"
        raise IngestError(name, f"the file is not a {label} (it looks like {kind})", code="unsupported")
    if extension and extension not in TEXT_EXTENSIONS and extension not in HTML_EXTENSIONS:
        raise IngestError(
            name, f"unsupported file type ({extension}); upload a {SUPPORTED_FORMATS} file", code="unsupported"
        )
    text = _decode_text_or_none(data, _declared_html_charset(data))
    if text is None:
        raise IngestError(name, _NOT_TEXT, code="not_text")
    if len(text) > max_chars:
        raise _too_much_text(name, max_chars)
    if extension in HTML_EXTENSIONS or _looks_like_html(text):
        body, metadata = _html_to_text(name, text)
        return _finish(name, name, "html", body, metadata, max_chars=max_chars)
    return _finish(name, name, "txt", text, _Metadata(), max_chars=max_chars)


def content_hash(text: str) -> str:
    """Hex SHA-256 of the text with its normalisation applied and whitespace runs folded into one space.

    Folding whitespace makes the same article uploaded as .txt and as .html (which differ only in line breaks)
    count as one; ``Document.text`` itself keeps its line structure.
    """
    folded = " ".join(normalize_text(text).split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def display_name(filename: str) -> str:
    """The name to show and store: no directories (browsers send ``C:\\fakepath\\...``), no control characters."""
    base = re.split(r"[\\/]", filename or "")[-1]
    base = _CONTROL_CHARS.sub("", base).strip()
    return base[:255] or "Uploaded file"


# ---------------------------------------------------------------------------------------------------------------
# Normalisation shared by every format

# C0 and C1 controls except \t and \n (\r, \v and \f are turned into \n first), lone surrogates that PostgreSQL
# refuses, and stray byte-order marks left inside concatenated text.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")
_RARE_LINE_BREAKS = re.compile("[\x0b\x0c\x85\u2028\u2029]")
_EXCESS_BLANK_LINES = re.compile(r"\n{3,}")
_LEADING_DATE = re.compile(r"date:?[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+|\n+|$)", re.IGNORECASE)
_PDF_EMPTY_HINT = " (the PDF has no text layer; if it is a scan, run it through OCR first)"


def normalize_text(text: str) -> str:
    """NFC, \\n line breaks, no control characters, no trailing spaces, at most one blank line in a row, trimmed.

    Linear in the length of the text, however it is shaped: line ends are trimmed line by line, because a regex
    such as ``[ \t]+\n`` retries from every position of a long run of spaces that does not end a line.
    """
    text = _RARE_LINE_BREAKS.sub("\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL_CHARS.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = _EXCESS_BLANK_LINES.sub("\n\n", text)
    return text.strip()


def _normalize_field(value: str, limit: int = MAX_METADATA_CHARS) -> str:
    value = unicodedata.normalize("NFC", _CONTROL_CHARS.sub("", value or ""))
    return " ".join(value.split())[:limit].strip()


@dataclass
class _Metadata:
    title: str = ""
    outlet: str = ""
    author: str = ""
    url: str = ""
    published: datetime.date | None = None


def _finish(
    filename: str | None,
    name: str,
    format: str,
    raw_text: str,
    metadata: _Metadata,
    *,
    max_chars: int,
    empty_hint: str = "",
) -> Document:
    if len(raw_text) > max_chars:
        raise _too_much_text(name, max_chars)
    text = normalize_text(raw_text)
    published = metadata.published
    leading_date = _LEADING_DATE.match(text)
    if leading_date:
        date_from_line = _parse_iso_date(leading_date.group(1))
        if date_from_line is not None:
            # The newsroom's own "date YYYY-MM-DD" line is deliberate; file metadata (a docx creation date) is not.
            published = date_from_line if format != "text" or published is None else published
            text = text[leading_date.end() :].lstrip()
    if not text:
        raise IngestError(name, "no text found" + empty_hint, code="no_text")
    title = _normalize_field(metadata.title) or _title_from_first_line(text)
    return Document(
        filename=filename,
        format=format,
        text=text,
        title=title,
        outlet=_normalize_field(metadata.outlet),
        author=_normalize_field(metadata.author),
        url=metadata.url,
        published=published,
    )


def _title_from_first_line(text: str) -> str:
    """The headline: the first line that reads like one. An upper-case label such as "CATEGORIES" or "FOR IMMEDIATE
    RELEASE" above it is page furniture, so it is passed over; an upper-case line of words is the title only when no
    headline follows it ("MAN BITES DOG")."""
    shouted = ""
    for line in text.split("\n", 3)[:3]:
        line = line.strip()
        if not line:
            continue
        if line.isupper():
            shouted = shouted or (line if " " in line else "")
            continue
        if len(line) > 200 or line.endswith((".", ",", ":", ";")) or not any(c.isalpha() for c in line):
            break
        return _normalize_field(line)
    return _normalize_field(shouted)


def _too_much_text(name: str, max_chars: int) -> IngestError:
    return IngestError(name, f"the document holds more than {max_chars:,} characters of text", code="too_large")


def _megabytes(size: int) -> str:
    # Rounded up, so that a file one byte over a 2 MB limit does not read as "2 MB, over the 2 MB limit".
    tenths = -(-size * 10 // MB)
    return f"{tenths / 10:.1f}".removesuffix(".0")


def _parse_iso_date(value: str) -> datetime.date | None:
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value or "")
    if not match:
        return None
    try:
        return datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _coerce_date(value: datetime.date | datetime.datetime | str | None, name: str) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    parsed = _parse_iso_date(str(value))
    if parsed is None:
        raise IngestError(name, f"the publication date {str(value)[:40]!r} is not a date like 2022-05-23")
    return parsed


def _clean_url(value: str) -> str:
    # Only web addresses survive: a javascript: or data: URL stored here would end up in an href.
    value = _normalize_field(value, MAX_URL_CHARS)
    if re.match(r"https?://[^\s/]", value, re.IGNORECASE) and len(value) < MAX_URL_CHARS:
        return value
    return ""


# ---------------------------------------------------------------------------------------------------------------
# Recognising the bytes

_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Word .doc or a password-protected Office file; save it as .docx"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a BMP image"),
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a Linux program"),
    (b"\xca\xfe\xba\xbe", "a compiled program"),
    (b"\xcf\xfa\xed\xfe", "a macOS program"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"OggS", "an audio file"),
    (b"ID3", "an MP3 audio file"),
    (b"fLaC", "an audio file"),
    (b"SQLite format 3\x00", "a database file"),
)


# Formats that are text themselves, but never an article's text.
_TEXT_FORMAT_SIGNATURES = (
    (b"{\\rtf", "an RTF document; save it as .docx"),
    (b"%!PS", "a PostScript file"),
)


def _detect_binary_format(data: bytes) -> str | None:
    """ "pdf", "zip", a description of a format we refuse, or None when the bytes may be text."""
    # Readers accept a PDF header after some leading junk, so do we; but text that merely quotes "%PDF-" stays text.
    pdf_header = data.find(b"%PDF-", 0, 1024)
    if pdf_header != -1 and (not data[:pdf_header].strip() or _has_binary_bytes(data[:pdf_header])):
        return "pdf"
    for signature, description in _BINARY_SIGNATURES:
        # Printable signatures ("BM", "MZ", "ID3") also start ordinary sentences: those need binary bytes to count.
        printable = signature.isascii() and signature.decode("ascii").isprintable()
        if data.startswith(signature) and (not printable or _has_binary_bytes(data[:512])):
            return description
    for signature, description in _TEXT_FORMAT_SIGNATURES:
        if data.startswith(signature):
            return description
    if data[8:12] in (b"WEBP", b"AVI ", b"WAVE") and data.startswith(b"RIFF"):
        return "an image, audio or video file"
    if data[4:8] == b"ftyp":
        return "an image or video file"
    return None


def _has_binary_bytes(sample: bytes) -> bool:
    return any(byte < 9 or 13 < byte < 32 for byte in sample)


# ---------------------------------------------------------------------------------------------------------------
# Text files

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_NOT_TEXT = "the file is not UTF-8 text; save it as UTF-8, or upload it as .docx or .pdf"


def _decode_text_or_none(data: bytes, declared_encoding: str | None = None) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_declared(data, declared_encoding) or _decode_legacy(data)
    if "\x00" in text:
        # UTF-8 does not forbid NUL, but text with NULs is binary or UTF-16 without its BOM.
        return _decode_utf16_without_bom(data)
    return text


def _declared_html_charset(data: bytes) -> str | None:
    match = re.search(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", data[:4096], re.IGNORECASE)
    return match.group(1).decode("ascii") if match else None


# Legacy charsets that web pages declare. Anything else a page might name (utf-7, punycode, unicode_escape, rot13)
# is either a known trick or no charset at all, and UTF-8/16/32 were already tried through the BOM and UTF-8.
_DECLARABLE_CHARSETS = (
    "cp125", "latin", "iso8859", "koi8", "mac-", "shift_jis", "euc", "gb", "big5", "cp874", "tis-620", "iso2022", "cp9"
)  # fmt: skip


def _decode_declared(data: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        codec_name = codecs.lookup(encoding).name
        return data.decode(codec_name) if codec_name.startswith(_DECLARABLE_CHARSETS) else None
    except (LookupError, ValueError):
        return None


def _decode_legacy(data: bytes) -> str | None:
    """cp1252 (the usual legacy encoding of Western newsrooms), but only where the result reads like text."""
    if b"\x00" in data:
        return _decode_utf16_without_bom(data)
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if _CONTROL_CHARS.search(text.replace("\x0c", "")):
        return None
    non_ascii = sum(1 for byte in data if byte >= 0x80)
    # Western text is mostly ASCII; random bytes are half high bytes.
    if non_ascii > len(data) * 0.3 or not any(c.isalpha() for c in text[:4096]):
        return None
    return text


def _decode_utf16_without_bom(data: bytes) -> str | None:
    if len(data) % 2:
        return None
    sample = data[:4096]
    odd_zeros = sample[1::2].count(0)
    even_zeros = sample[0::2].count(0)
    pairs = len(sample) // 2
    if odd_zeros > pairs * 0.6 and even_zeros == 0:
        encoding = "utf-16-le"
    elif even_zeros > pairs * 0.6 and odd_zeros == 0:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text


def _looks_like_html(text: str) -> bool:
    head = text[:1024].lstrip("\ufeff \t\r\n").lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    return head.startswith("<?xml") and "<html" in head


# ---------------------------------------------------------------------------------------------------------------
# HTML

_SKIPPED_ELEMENTS = frozenset(
    {"script", "style", "noscript", "template", "iframe", "svg", "math", "nav", "footer", "form", "object", "embed",
     "canvas", "select", "button", "title"}
)  # fmt: skip
_PARAGRAPH_ELEMENTS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl", "figure", "section",
     "article", "header", "main", "aside", "hr", "address", "details", "body"}
)  # fmt: skip
_LINE_ELEMENTS = frozenset({"br", "li", "tr", "div", "dt", "dd", "figcaption", "summary", "caption", "center"})
_CELL_ELEMENTS = frozenset({"td", "th"})
_VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
_HTML_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
_LONE_LESS_THAN = re.compile(r"<(?![A-Za-z/!?])")
_HTML_FEED_CHARS = 64 * 1024


class _ArticleHTMLParser(HTMLParser):
    """Collects readable text and article metadata; scripts, styles, navigation and forms never reach the text."""

    def __init__(self, *, skip_forms: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.pending_break = ""
        self.skip_forms = skip_forms
        self.skipped_stack: list[str] = []
        # Open counts per skipped tag, so that an end tag is matched without scanning a deep stack of unclosed tags.
        self.skipped_open: dict[str, int] = {}
        self.form_text_chars = 0
        self.pre_depth = 0
        self.title_parts: list[str] | None = None
        self.document_title = ""
        self.first_heading_parts: list[str] | None = None
        self.first_heading = ""
        self.meta: dict[str, str] = {}
        self.canonical_url = ""
        self.time_datetime = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key.lower(): value or "" for key, value in attrs}
        if tag == "meta":
            self._read_meta(attributes)
        elif tag == "link" and "canonical" in attributes.get("rel", "").lower().split():
            self.canonical_url = self.canonical_url or attributes.get("href", "")
        elif tag == "title" and not self.document_title and not self.skipped_stack:
            self.title_parts = []
        if tag in _SKIPPED_ELEMENTS and (self.skip_forms or tag != "form"):
            if tag not in _VOID_ELEMENTS:
                self.skipped_stack.append(tag)
                self.skipped_open[tag] = self.skipped_open.get(tag, 0) + 1
            return
        if self.skipped_stack:
            return
        if tag == "time" and not self.time_datetime:
            self.time_datetime = attributes.get("datetime", "")
        elif tag == "h1" and not self.first_heading:
            self.first_heading_parts = []
        elif tag == "pre":
            self.pre_depth += 1
        self._break_for(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.title_parts is not None:
            self.document_title = "".join(self.title_parts)
            self.title_parts = None
        if self.skipped_open.get(tag):
            # Close everything opened inside, as browsers do for unclosed tags.
            while True:
                closed = self.skipped_stack.pop()
                self.skipped_open[closed] -= 1
                if closed == tag:
                    return
        if self.skipped_stack:
            return
        if tag == "h1" and self.first_heading_parts is not None:
            self.first_heading = "".join(self.first_heading_parts)
            self.first_heading_parts = None
        elif tag == "pre" and self.pre_depth:
            self.pre_depth -= 1
        self._break_for(tag)

    def handle_data(self, data: str) -> None:
        if self.title_parts is not None:
            self.title_parts.append(data)
        if self.skipped_stack:
            if self.skipped_stack == ["form"]:
                self.form_text_chars += len(data.strip())
            return
        if self.first_heading_parts is not None:
            self.first_heading_parts.append(data)
        if not self.pre_depth:
            data = _HTML_WHITESPACE.sub(" ", data)
        if self.pending_break:
            if data.isspace():
                return  # indentation between blocks
            self.chunks.append(self.pending_break)
            self.pending_break = ""
            if not self.pre_depth:
                data = data.lstrip(" ")
        self.chunks.append(data)

    def _break_for(self, tag: str) -> None:
        # Breaks wait for the next text, so "</li>\n  <li>" or nested divs give one line break, not several.
        if tag in _PARAGRAPH_ELEMENTS:
            self.pending_break = "\n\n"
        elif tag == "br":
            self.pending_break = "\n\n" if self.pending_break else "\n"
        elif tag in _LINE_ELEMENTS:
            self.pending_break = self.pending_break or "\n"
        elif tag in _CELL_ELEMENTS:
            self.chunks.append(" ")

    def _read_meta(self, attributes: dict[str, str]) -> None:
        key = (attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or "").lower()
        content = attributes.get("content", "")
        if key and content and key not in self.meta:
            self.meta[key] = content

    def text(self) -> str:
        return "".join(self.chunks)


def _html_to_text(name: str, html: str) -> tuple[str, _Metadata]:
    # A "<" that starts no markup reaches the handler one character per call; as "&lt;" it joins its text run.
    # "<![" opens a marked section, on which html.parser raises AssertionError for anything but a few keywords;
    # browsers read it as a bogus comment up to the next ">", which is what "<! [" gets from html.parser too.
    html = _LONE_LESS_THAN.sub("&lt;", html).replace("<![", "<! [")
    if html.count("<") + html.count("=") + html.count("&") > MAX_HTML_MARKUP:
        raise IngestError(
            name,
            f"the page has too much markup (over {MAX_HTML_MARKUP:,} tags, attributes and entities); "
            "save the article text alone",
            code="too_complex",
        )
    parser = _ArticleHTMLParser()
    _feed_linearly(parser, html)
    if parser.form_text_chars > len(parser.text()):
        # Most of the page sits in a form: ASP.NET and some CMSs wrap the whole body in one, article included.
        parser = _ArticleHTMLParser(skip_forms=False)
        _feed_linearly(parser, html)
    meta = parser.meta
    author = meta.get("author", "")
    article_author = meta.get("article:author", "")
    if not author and not _clean_url(article_author):
        author = article_author  # often a profile URL, which is no name
    author = author or re.sub(r"^by\s+", "", meta.get("byl", ""), flags=re.IGNORECASE)
    published_raw = (
        meta.get("article:published_time")
        or meta.get("datepublished")
        or meta.get("date")
        or meta.get("pubdate")
        or parser.time_datetime
    )
    outlet = meta.get("og:site_name") or meta.get("application-name", "")
    title = meta.get("og:title") or meta.get("twitter:title") or _without_outlet(parser.document_title, outlet)
    metadata = _Metadata(
        title=title or parser.first_heading,
        outlet=outlet,
        author=author,
        url=_clean_url(parser.canonical_url) or _clean_url(meta.get("og:url", "")),
        published=_parse_iso_date(published_raw),
    )
    return parser.text(), metadata


def _without_outlet(title: str, outlet: str) -> str:
    """ "Leica deal ends | The Verge" -> "Leica deal ends" when the page names The Verge as its site."""
    title, outlet = " ".join(title.split()), " ".join(outlet.split())
    for separator in (" | ", " - ", " – ", " — ", " · ", " :: "):
        if outlet and title.lower().endswith((separator + outlet).lower()):
            return title[: -len(separator + outlet)]
    return title


def _feed_linearly(parser: HTMLParser, html: str) -> None:
    """Feed and close ``parser`` in time linear in ``len(html)``.

    html.parser (before CPython's 2025 fixes) rescans an unterminated tag, comment or declaration from its start on
    every feed, and at close() re-parses it once per "<" inside it: quadratic for input such as "<a<a<a...".
    Feeding chunks at least as long as what is still pending keeps the rescans linear, and an unterminated
    construct left at the end is dropped instead of closed, as browsers drop a tag cut off by the end of the file.
    """
    position = 0
    while position < len(html):
        size = max(_HTML_FEED_CHARS, len(parser.rawdata))
        parser.feed(html[position : position + size])
        position += size
    if parser.rawdata.startswith("<") and parser.cdata_elem is None:
        parser.rawdata = ""
    parser.close()


# ---------------------------------------------------------------------------------------------------------------
# DOCX

_WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MARKUP_COMPATIBILITY_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT_TYPE = "/officeDocument"


def _read_docx(name: str, data: bytes, *, max_chars: int) -> tuple[str, _Metadata]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _read_docx_archive(name, archive, max_chars=max_chars)
    except IngestError:
        raise
    except Exception as error:  # noqa: BLE001
        # zipfile and expat fail on damaged archives in many ways (BadZipFile, ValueError from a negative seek,
        # struct.error, zlib.error, SAXParseException, ...): each means the same to the editor.
        raise _damaged(name, "Word document", error) from None


def _read_docx_archive(name: str, archive: zipfile.ZipFile, *, max_chars: int) -> tuple[str, _Metadata]:
    entries = archive.infolist()
    _check_zip_limits(name, entries)
    names = {entry.filename for entry in entries}
    main_part = _main_document_part(archive, names)
    if main_part is None:
        description = _describe_zip(archive, names)
        raise IngestError(
            name, f"unsupported file type ({description}); upload a {SUPPORTED_FORMATS} file", code="unsupported"
        )
    text = _docx_body_text(name, archive, main_part, max_chars=max_chars)
    metadata = _docx_core_properties(name, archive) if "docProps/core.xml" in names else _Metadata()
    return text, metadata


def _check_zip_limits(name: str, entries: list[zipfile.ZipInfo]) -> None:
    if len(entries) > MAX_ZIP_ENTRIES:
        raise IngestError(
            name, f"the document has {len(entries):,} parts; the limit is {MAX_ZIP_ENTRIES:,}", code="too_complex"
        )
    declared_total = 0
    for entry in entries:
        declared_total += entry.file_size
        ratio_too_high = entry.file_size > max(ZIP_RATIO_EXEMPT_BYTES, entry.compress_size * MAX_ZIP_RATIO)
        if ratio_too_high or declared_total > MAX_ZIP_UNCOMPRESSED_BYTES:
            raise IngestError(
                name,
                "the document expands to far more data than a Word file holds (a ZIP bomb?), so it was not opened",
                code="too_complex",
            )


def _read_zip_entry(archive: zipfile.ZipFile, entry_name: str, limit: int) -> bytes:
    # Declared sizes can lie; this caps what decompression can actually hand us.
    with archive.open(entry_name) as stream:
        content = stream.read(limit + 1)
    if len(content) > limit:
        raise _ZipEntryTooLarge
    return content


class _ZipEntryTooLarge(Exception):
    pass


def _main_document_part(archive: zipfile.ZipFile, names: set[str]) -> str | None:
    relationships = None
    if "_rels/.rels" in names:
        # A broken relationships part still leaves the conventional location to try.
        with contextlib.suppress(Exception):
            relationships = defusedxml.ElementTree.fromstring(
                _read_zip_entry(archive, "_rels/.rels", MB), forbid_dtd=True
            )
        if relationships is not None:
            for relationship in relationships.iter(f"{{{_RELATIONSHIPS_NS}}}Relationship"):
                if relationship.get("Type", "").endswith(_OFFICE_DOCUMENT_TYPE):
                    target = relationship.get("Target", "").lstrip("/")
                    if target in names and target.startswith("word/"):
                        return target
    return "word/document.xml" if "word/document.xml" in names else None


def _describe_zip(archive: zipfile.ZipFile, names: set[str]) -> str:
    if "mimetype" in names:
        mimetype = ""
        with contextlib.suppress(Exception):
            mimetype = _read_zip_entry(archive, "mimetype", 200).decode("ascii", "replace")
        if "opendocument.text" in mimetype:
            return "an OpenDocument text; save it as .docx"
        if "epub" in mimetype:
            return "an EPUB e-book"
    if any(entry.startswith("xl/") for entry in names):
        return "an Excel spreadsheet"
    if any(entry.startswith("ppt/") for entry in names):
        return "a PowerPoint presentation"
    return "a ZIP archive that is not a Word .docx document"


class _DocxTextHandler(xml.sax.handler.ContentHandler):
    """Streams WordprocessingML into lines, one per paragraph, so memory follows the text, not the XML tree."""

    def __init__(self, max_chars: int) -> None:
        super().__init__()
        self.lines: list[str] = []
        self.paragraph_stack: list[list[str]] = []
        self.in_text = False
        self.ignored_depth = 0
        self.max_chars = max_chars
        self.chars = 0

    def startElementNS(self, name: tuple[str | None, str], qname: str | None, attrs: object) -> None:
        namespace, local = name
        if self.ignored_depth or _is_ignored_docx_element(namespace, local):
            # Moved-from text reappears at its destination and fallbacks repeat their choice: read each once.
            self.ignored_depth += 1
            return
        if namespace != _WORD_NS:
            return
        if local == "p":
            self.paragraph_stack.append([])
        elif local == "t":
            self.in_text = True
        elif self.paragraph_stack and local == "tab":
            self.paragraph_stack[-1].append("\t")
        elif self.paragraph_stack and local in ("br", "cr"):
            self.paragraph_stack[-1].append("\n")
        elif self.paragraph_stack and local == "noBreakHyphen":
            self.paragraph_stack[-1].append("-")

    def endElementNS(self, name: tuple[str | None, str], qname: str | None) -> None:
        if self.ignored_depth:
            self.ignored_depth -= 1
            return
        namespace, local = name
        if namespace != _WORD_NS:
            return
        if local == "t":
            self.in_text = False
        elif local == "p" and self.paragraph_stack:
            self.lines.append("".join(self.paragraph_stack.pop()))

    def characters(self, content: str) -> None:
        if self.in_text and not self.ignored_depth and self.paragraph_stack:
            self.chars += len(content)
            if self.chars > self.max_chars:
                raise _TextLimitReached
            self.paragraph_stack[-1].append(content)


class _TextLimitReached(Exception):
    pass


def _is_ignored_docx_element(namespace: str | None, local: str) -> bool:
    if namespace == _WORD_NS:
        return local in ("moveFrom", "delText", "instrText")
    return namespace == _MARKUP_COMPATIBILITY_NS and local == "Fallback"


def _docx_body_text(name: str, archive: zipfile.ZipFile, part: str, *, max_chars: int) -> str:
    handler = _DocxTextHandler(max_chars)
    parser = defusedxml.sax.make_parser()
    parser.forbid_dtd = True
    parser.setFeature(xml.sax.handler.feature_namespaces, True)
    parser.setFeature(xml.sax.handler.feature_external_ges, False)
    parser.setContentHandler(handler)
    read = 0
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(MB):
                read += len(chunk)
                if read > MAX_DOCX_XML_BYTES:
                    raise _ZipEntryTooLarge
                parser.feed(chunk)
        parser.close()
    except defusedxml.DefusedXmlException:
        raise IngestError(
            name,
            "the document contains XML entity or DTD declarations (an entity bomb?), which are refused",
            code="too_complex",
        ) from None
    except _ZipEntryTooLarge:
        raise IngestError(name, "the document's text part is too large to read", code="too_complex") from None
    except _TextLimitReached:
        raise _too_much_text(name, max_chars) from None
    return "\n".join(handler.lines)


def _docx_core_properties(name: str, archive: zipfile.ZipFile) -> _Metadata:
    # Metadata is a nicety: a broken core.xml must not cost the editor an otherwise readable document.
    try:
        root = defusedxml.ElementTree.fromstring(_read_zip_entry(archive, "docProps/core.xml", MB), forbid_dtd=True)
    except defusedxml.DefusedXmlException:
        raise IngestError(
            name,
            "the document properties contain XML entity or DTD declarations, which are refused",
            code="too_complex",
        ) from None
    except Exception:  # noqa: BLE001
        return _Metadata()
    values = {element.tag.rsplit("}", 1)[-1]: (element.text or "") for element in root}
    return _Metadata(
        title=values.get("title", ""),
        author=values.get("creator", ""),
        published=_parse_iso_date(values.get("created", "")),
    )


# ---------------------------------------------------------------------------------------------------------------
# PDF


def _read_pdf(name: str, data: bytes, *, max_pages: int, max_chars: int) -> tuple[str, _Metadata]:
    import pypdf  # imported here so text and HTML uploads do not pay for loading it
    import pypdf.errors

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not _decrypt_with_empty_password(reader):
            raise IngestError(
                name, "the PDF is password-protected; remove the password and upload it again", code="encrypted"
            )
        page_count = len(reader.pages)
        if page_count > max_pages:
            raise IngestError(name, f"the PDF has {page_count:,} pages; the limit is {max_pages:,}", code="too_large")
        page_texts = []
        chars = content_bytes = 0
        text_operations = _PdfTextOperationCounter(name)
        for page in reader.pages:
            contents = page.get_contents()
            content_bytes += len(contents.get_data()) if contents is not None else 0
            if content_bytes > MAX_PDF_CONTENT_BYTES:
                raise _pdf_too_complex(name)
            text_operations.on_page = 0
            page_text = page.extract_text(visitor_operand_before=text_operations.count) or ""
            chars += len(page_text)
            if chars > max_chars:
                raise _too_much_text(name, max_chars)
            page_texts.append(page_text)
        metadata = _pdf_metadata(reader)
    except IngestError:
        raise
    except pypdf.errors.LimitReachedError:
        raise _pdf_too_complex(name) from None
    except pypdf.errors.FileNotDecryptedError:
        raise IngestError(name, "the PDF is encrypted and cannot be read", code="encrypted") from None
    except pypdf.errors.DependencyError:
        # AES needs the optional "cryptography" package, which this project does not install.
        raise IngestError(
            name,
            "the PDF is protected with AES encryption, which cannot be read here; save it unprotected",
            code="encrypted",
        ) from None
    except Exception as error:  # noqa: BLE001
        # pypdf raises many kinds of exception on malformed files (KeyError, TypeError, struct.error, ...):
        # whatever went wrong inside it, the file is what the editor can act on.
        raise _damaged(name, "PDF", error) from None
    return "\n\n".join(page_texts), metadata


# Operators that show or place text, and "Do", which may draw a form holding more of them.
_PDF_TEXT_OPERATORS = frozenset({b"BT", b"ET", b"Tj", b"TJ", b"'", b'"', b"Td", b"TD", b"Tm", b"T*", b"Tf", b"Do"})


class _PdfTextOperationCounter:
    def __init__(self, name: str) -> None:
        self.name = name
        self.in_document = 0
        self.on_page = 0

    def count(self, operator: bytes, operands: object, cm: object, tm: object) -> None:
        if operator in _PDF_TEXT_OPERATORS:
            self.in_document += 1
            self.on_page += 1
            if self.in_document > MAX_PDF_TEXT_OPERATIONS or self.on_page > MAX_PDF_PAGE_TEXT_OPERATIONS:
                raise _pdf_too_complex(self.name)


def _pdf_too_complex(name: str) -> IngestError:
    return IngestError(
        name,
        "the PDF is too complex to read here; export the article as text, .docx or a simpler PDF",
        code="too_complex",
    )


def _decrypt_with_empty_password(reader: object) -> bool:
    # Many PDFs are "encrypted" only against editing, with an empty password for reading.
    from pypdf import PasswordType

    return reader.decrypt("") != PasswordType.NOT_DECRYPTED  # type: ignore[attr-defined]


def _pdf_metadata(reader: object) -> _Metadata:
    try:
        info = reader.metadata or {}  # type: ignore[attr-defined]
        raw = {key: str(info.get(key) or "") for key in ("/Title", "/Author", "/CreationDate")}
    except Exception:  # noqa: BLE001 - a damaged info dictionary costs the metadata, not the text
        return _Metadata()
    title = raw["/Title"]
    # Word's PDF export and similar tools leave the source file name here, which is no headline.
    if re.search(r"\.(docx?|pdf|txt|rtf|odt|pages|indd)$", title.strip(), re.IGNORECASE) or title.lower() in (
        "untitled",
        "untitled document",
    ):
        title = ""
    creation = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})", raw["/CreationDate"])
    published = _parse_iso_date(f"{creation[1]}-{creation[2]}-{creation[3]}") if creation else None
    return _Metadata(title=title, author=raw["/Author"], published=published)


def _damaged(name: str, kind: str, error: BaseException) -> IngestError:
    detail = _normalize_field(f"{type(error).__name__}: {error}", 120)
    return IngestError(name, f"the {kind} is damaged ({detail})", code="damaged")
