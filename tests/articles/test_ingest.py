"""articles.ingest: bytes of every supported format -> clean text and metadata, or an IngestError that says why.

No database: ingest is plain Python, and every fixture file is built in code by fixtures_ingest.
"""

from __future__ import annotations

import contextlib
import datetime
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.ingest import (
    MAX_PDF_CONTENT_BYTES,
    MAX_PDF_PAGE_TEXT_OPERATIONS,
    MAX_PDF_PAGES,
    MAX_UPLOAD_BYTES,
    Document,
    IngestError,
    content_hash,
    document_from_text,
    document_from_upload,
    normalize_text,
)
from tests.articles.fixtures_ingest import (
    BILLION_LAUGHS_XML,
    core_xml,
    document_xml,
    make_docx,
    make_encrypted_pdf,
    make_many_entries_docx,
    make_pdf,
    make_zip_bomb_docx,
    with_declared_size,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS = REPO_ROOT.parent / "shared" / "seeds"


def ingest_error(filename: str, data: bytes, **limits) -> IngestError:
    with pytest.raises(IngestError) as caught:
        document_from_upload(filename, data, **limits)
    error = caught.value
    assert str(error).startswith(f"{error.filename}: ")
    return error


class TestIngestError:
    def test_message_attributes_and_pickling(self):
        error = IngestError("report.pdf", "the PDF is damaged (x)", code="damaged")
        assert str(error) == "report.pdf: the PDF is damaged (x)"
        copy = pickle.loads(pickle.dumps(error))
        assert (str(copy), copy.filename, copy.problem, copy.code) == (
            str(error),
            "report.pdf",
            error.problem,
            "damaged",
        )

    def test_is_a_value_error(self):
        assert issubclass(IngestError, ValueError)


class TestPastedText:
    def test_pasted_text_is_normalised_and_keeps_given_metadata(self):
        document = document_from_text(
            "  Leica and Huawei \r\n\r\n\r\n\r\nworked together for five years.  \r",
            title="Leica",
            outlet="Example Times",
            author="A. Writer",
            url="https://example.com/leica",
            published=datetime.date(2022, 5, 23),
        )
        assert document == Document(
            filename=None,
            format="text",
            text="Leica and Huawei\n\nworked together for five years.",
            title="Leica",
            outlet="Example Times",
            author="A. Writer",
            url="https://example.com/leica",
            published=datetime.date(2022, 5, 23),
        )

    def test_short_first_line_becomes_the_title_and_stays_in_the_text(self):
        document = document_from_text("Xiaomi and Leica team up\n\nThe partnership was announced today.")
        assert document.title == "Xiaomi and Leica team up"
        assert document.text.startswith("Xiaomi and Leica team up\n")

    @pytest.mark.parametrize(
        "first_line",
        ["The partnership was announced today.", "x" * 201, "2022 - 05 - 23"],
        ids=["sentence", "too-long", "no-letters"],
    )
    def test_first_line_that_is_no_headline_gives_no_title(self, first_line):
        assert document_from_text(f"{first_line}\nMore text.").title == ""

    @pytest.mark.parametrize("text", ["", "   ", "\n\t\r\n", "\x00\x01\u200b"[:2]])
    def test_empty_pasted_text_is_refused(self, text):
        with pytest.raises(IngestError, match=r"^Pasted text: no text found$") as caught:
            document_from_text(text)
        assert caught.value.filename == "Pasted text"
        assert caught.value.code == "no_text"

    def test_javascript_url_is_refused(self):
        with pytest.raises(IngestError, match=r"^Pasted text: the URL must start with http"):
            document_from_text("Some text.", url="javascript:alert(1)")

    def test_published_accepts_iso_strings_and_datetimes(self):
        assert document_from_text("Text.", published="2022-05-23").published == datetime.date(2022, 5, 23)
        moment = datetime.datetime(2022, 5, 23, 13, 1)
        assert document_from_text("Text.", published=moment).published == datetime.date(2022, 5, 23)
        with pytest.raises(IngestError, match="not a date"):
            document_from_text("Text.", published="last Monday")

    def test_too_long_pasted_text_is_refused(self):
        with pytest.raises(IngestError, match="limit is 10"):
            document_from_text("word " * 10, max_chars=10)


class TestNormalisation:
    def test_line_breaks_controls_trailing_spaces_and_blank_lines(self):
        raw = "\ufeffOne\r\ntwo\rthree\x00\x07 \t\n\n\n\n\tfour\x0cfive\u2028six\n\n"
        assert normalize_text(raw) == "One\ntwo\nthree\n\n\tfour\nfive\nsix"

    def test_unicode_is_composed_to_nfc(self):
        assert normalize_text("Cafe\u0301") == "Caf\u00e9"

    def test_tabs_and_inner_spacing_are_kept(self):
        assert normalize_text("a\tb  c") == "a\tb  c"

    def test_lone_surrogates_that_postgresql_refuses_are_dropped(self):
        assert normalize_text("a\ud800b") == "ab"

    def test_normalisation_is_idempotent(self):
        once = normalize_text(" x \r\n\r\n\r\n y\x00 ")
        assert normalize_text(once) == once

    @pytest.mark.parametrize(
        "shape",
        ["one long line", "spaces", "newlines", "carriage returns", "trailing spaces on every line"],
    )
    def test_five_megabytes_of_awkward_text_ingest(self, shape):
        size = 5 * 1024 * 1024
        data = {
            "one long line": b"Leica and Huawei worked together. " * (size // 34),
            "spaces": b"a" + b" " * size + b"b",
            "newlines": b"a" + b"\n" * size + b"b",
            "carriage returns": b"a" + b"\r" * size + b"b",
            "trailing spaces on every line": b"Five years.   \n" * (size // 15),
        }[shape]
        # Quadratic behaviour would take minutes here; benchmarks/ingest_speed.py measures the rate.
        document = document_from_upload("long.txt", data)
        assert document.text.startswith(data[:1].decode())


class TestLeadingDateLine:
    def test_date_followed_by_text_on_the_same_line(self):
        document = document_from_upload("seed.txt", b" date 2022-05-23 The phone rumors have been confirmed.")
        assert document.published == datetime.date(2022, 5, 23)
        assert document.text == "The phone rumors have been confirmed."

    def test_date_on_its_own_line(self):
        document = document_from_upload("seed.txt", b"date 2022-05-23\nCATEGORIES\nXiaomi and Leica")
        assert document.published == datetime.date(2022, 5, 23)
        assert document.text == "CATEGORIES\nXiaomi and Leica"

    def test_an_upper_case_label_above_the_headline_is_no_title(self):
        document = document_from_upload("release.txt", b"FOR IMMEDIATE RELEASE\n\nAcme Reports Record Revenue\n\nBody.")
        assert document.title == "Acme Reports Record Revenue"
        document = document_from_upload("shout.txt", b"MAN BITES DOG\n\nA man bit a dog on Tuesday, police said.")
        assert document.title == "MAN BITES DOG"

    def test_impossible_date_is_left_in_the_text(self):
        document = document_from_upload("seed.txt", b"date 2022-13-45 Text.")
        assert document.published is None
        assert document.text == "date 2022-13-45 Text."

    def test_a_date_later_in_the_text_is_not_metadata(self):
        document = document_from_upload("a.txt", b"Intro.\ndate 2022-05-23 Text.")
        assert document.published is None

    def test_pasted_text_keeps_an_explicit_publication_date(self):
        document = document_from_text("date 2022-05-23 Text.", published=datetime.date(2022, 5, 24))
        assert document.published == datetime.date(2022, 5, 24)
        assert document.text == "Text."

    @pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seed articles are not beside this checkout")
    def test_every_seed_article_ingests(self):
        for path in sorted(SEEDS.glob("*.txt")):
            raw = path.read_bytes()
            document = document_from_upload(path.name, raw)
            assert document.format == "txt"
            assert not document.text.startswith("date ")
            if raw.lstrip().startswith(b"date 2022-05-23"):
                assert document.published == datetime.date(2022, 5, 23)


class TestPlainTextEncodings:
    def test_utf8_with_bom(self):
        document = document_from_upload("a.txt", "\ufeffCaf\u00e9 opens.".encode())
        assert document.text == "Caf\u00e9 opens."

    @pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
    def test_utf16_with_and_without_bom(self, encoding):
        data = "Leica \u2013 f\u00fcnf Jahre mit Huawei.".encode(encoding)
        assert document_from_upload("a.txt", data).text == "Leica \u2013 f\u00fcnf Jahre mit Huawei."

    def test_cp1252_text_is_read_when_it_decodes_cleanly(self):
        data = "The \u201cLeica\u201d deal \u2013 caf\u00e9 na\u00efve \u20ac5m.".encode("cp1252")
        assert (
            document_from_upload("a.txt", data).text
            == "The \u201cLeica\u201d deal \u2013 caf\u00e9 na\u00efve \u20ac5m."
        )

    def test_random_bytes_are_not_text(self):
        error = ingest_error("notes.txt", bytes(range(256)) * 4)
        assert str(error) == "notes.txt: the file is not UTF-8 text; save it as UTF-8, or upload it as .docx or .pdf"
        assert error.code == "not_text"

    @pytest.mark.parametrize("data", [b"", b"   \n\t \r\n", b"\xef\xbb\xbf", b"\x00\x00"])
    def test_empty_file_has_no_text(self, data):
        error = ingest_error("empty.txt", data)
        assert str(error) in ("empty.txt: no text found", "empty.txt: " + error.problem)
        assert error.code in ("no_text", "not_text")

    def test_whitespace_only_file_says_no_text_found(self):
        assert str(ingest_error("blank.txt", b"  \n\n \t ")) == "blank.txt: no text found"

    def test_file_without_extension_is_read_as_text(self):
        assert document_from_upload("README", b"Plain words.").format == "txt"

    def test_browser_path_is_dropped_from_the_name(self):
        assert document_from_upload("C:\\fakepath\\story.txt", b"Words.").filename == "story.txt"


class TestLimitsAndTypes:
    def test_upload_over_max_bytes_is_refused_with_the_limit_in_mb(self):
        error = ingest_error("big.txt", b"x" * (2 * 1024 * 1024 + 1), max_bytes=2 * 1024 * 1024)
        assert str(error) == "big.txt: the file is 2.1 MB, over the 2 MB limit"
        assert error.code == "too_large"

    def test_default_limit_is_twenty_megabytes(self):
        assert MAX_UPLOAD_BYTES == 20 * 1024 * 1024
        error = ingest_error("big.txt", b"x" * (MAX_UPLOAD_BYTES + 1))
        assert "over the 20 MB limit" in str(error)

    @pytest.mark.parametrize(
        ("filename", "data", "described"),
        [
            ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "a PNG image"),
            ("photo.jpg", b"\xff\xd8\xff\xe0" + bytes(64), "a JPEG image"),
            ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(64), "a Windows program"),
            ("story.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "a legacy Word .doc"),
            ("archive.zip", None, "a ZIP archive that is not a Word .docx document"),
        ],
    )
    def test_unsupported_types_name_the_file_and_the_supported_formats(self, filename, data, described):
        if data is None:
            data = make_docx(["x"])
            data = data.replace(b"word/document.xml", b"misc/document.xml")
        error = ingest_error(filename, data)
        assert str(error).startswith(f"{filename}: unsupported file type ({described}")
        assert ".txt, .html, .docx or .pdf" in str(error)
        assert error.code == "unsupported"

    @pytest.mark.parametrize(
        "text", [b"ID3 tags name the song.", b"BMW sold more cars.", b"MZ is a postcode.", b"The %PDF-1.7 header."]
    )
    def test_text_that_starts_like_a_file_signature_is_still_text(self, text):
        assert document_from_upload("a.txt", text).text == text.decode()

    def test_rtf_is_named(self):
        assert "an RTF document" in str(ingest_error("a.txt", b"{\\rtf1\\ansi Hello}"))

    def test_unsupported_extension_with_text_inside_is_refused(self):
        error = ingest_error("setup.exe", b"Just words.")
        assert str(error).startswith("setup.exe: unsupported file type (.exe)")

    def test_html_named_pdf_is_not_a_pdf(self):
        error = ingest_error("report.pdf", b"<!DOCTYPE html><html><body><p>Please log in</p></body></html>")
        assert str(error) == "report.pdf: the file is not a PDF (it looks like HTML)"

    def test_text_named_docx_is_not_a_docx(self):
        error = ingest_error("report.docx", b"Just words.")
        assert str(error) == "report.docx: the file is not a Word .docx document (it looks like plain text)"

    def test_contents_decide_over_the_extension(self):
        assert document_from_upload("scan.bin", make_pdf([["Real PDF."]])).format == "pdf"
        assert document_from_upload("story.txt", make_docx(["Real docx."])).format == "docx"
        assert document_from_upload("page.txt", b"<!doctype html><p>Real page.</p>").format == "html"


class TestHtml:
    PAGE = b"""<!DOCTYPE html>
<html><head>
  <meta charset="utf-8">
  <title>Leica ends Huawei deal | Camera News</title>
  <meta property="og:title" content="Leica ends its Huawei deal after five years">
  <meta property="og:site_name" content="Camera News">
  <meta name="author" content="Jo Reporter">
  <meta property="article:published_time" content="2022-05-23T13:01:00-04:00">
  <link rel="canonical" href="https://news.example/leica-huawei">
  <style>p { color: red }</style>
  <script>alert("head script")</script>
</head><body>
  <nav><a href="/">Home</a> <a href="/cameras">Cameras</a></nav>
  <article>
    <h1>Leica ends its Huawei deal</h1>
    <p>Leica&rsquo;s tie-up with   Huawei
       lasted <b>five</b> years.</p>
    <p>Xiaomi&nbsp;is next &amp; the first phone ships in July.<br>More soon.</p>
    <script>document.write("inline body script")</script>
    <img src="x" onerror="alert('img')">
    <a href="javascript:alert('link')">Read more</a>
    <noscript>Enable JavaScript</noscript>
    <template><p>Template text</p></template>
    <iframe src="https://ads.example">Ad frame</iframe>
    <svg><title>Icon title</title><text>svg text</text></svg>
    <form><label>Subscribe</label><input name="email"></form>
    <!-- a comment with text -->
    <ul><li>One</li><li>Two</li></ul>
  </article>
  <footer>Copyright Camera News</footer>
</body></html>"""

    def test_article_text_and_metadata(self):
        document = document_from_upload("leica.html", self.PAGE)
        assert document.format == "html"
        assert document.text == (
            "Leica ends its Huawei deal\n\n"
            "Leica\u2019s tie-up with Huawei lasted five years.\n\n"
            "Xiaomi\u00a0is next & the first phone ships in July.\nMore soon.\n\n"
            "Read more\n\nOne\nTwo"
        )
        assert document.title == "Leica ends its Huawei deal after five years"
        assert document.outlet == "Camera News"
        assert document.author == "Jo Reporter"
        assert document.url == "https://news.example/leica-huawei"
        assert document.published == datetime.date(2022, 5, 23)

    @pytest.mark.parametrize(
        "hidden",
        ["alert", "head script", "inline body script", "Enable JavaScript", "Template text", "Ad frame",
         "Icon title", "svg text", "Subscribe", "a comment", "Copyright", "Home", "color: red"],
    )  # fmt: skip
    def test_scripts_and_page_furniture_never_reach_the_text(self, hidden):
        assert hidden not in document_from_upload("leica.html", self.PAGE).text

    def test_title_falls_back_to_title_element_without_the_outlet_suffix(self):
        page = b"<html><head><title>Leica ends deal | Camera News</title>"
        page += b'<meta property="og:site_name" content="Camera News"></head><body><p>Text.</p></body></html>'
        assert document_from_upload("a.html", page).title == "Leica ends deal"

    def test_title_falls_back_to_first_heading_and_time_element_dates(self):
        page = b'<html><body><h1>Headline here</h1><time datetime="2021-03-04">4 March</time><p>Body.</p></body></html>'
        document = document_from_upload("a.html", page)
        assert document.title == "Headline here"
        assert document.published == datetime.date(2021, 3, 4)

    def test_non_web_urls_in_metadata_are_dropped(self):
        page = b'<html><head><link rel="canonical" href="javascript:alert(1)"></head><body><p>Text.</p></body></html>'
        assert document_from_upload("a.html", page).url == ""

    def test_head_without_end_tag_does_not_hide_the_body(self):
        document = document_from_upload("a.html", b"<html><head><title>Leica</title><body><p>Body text.</p>")
        assert (document.title, document.text) == ("Leica", "Body text.")

    def test_page_wrapped_in_one_form_keeps_its_article(self):
        page = b"<body><form action=/post><h1>Leica</h1><p>Huawei and Leica worked together for five years.</p>"
        page += b"</form><form><input name=q>Search</form></body>"
        assert document_from_upload("a.html", page).text.startswith("Leica\n\nHuawei and Leica worked")

    def test_small_forms_beside_the_article_are_dropped(self):
        page = b"<body><form>Sign up for our newsletter</form><p>Huawei and Leica worked together.</p></body>"
        assert document_from_upload("a.html", page).text == "Huawei and Leica worked together."

    @pytest.mark.parametrize("section", [b"<![", b"<![x", b"<![CDATA[x]]>", b"<![if !IE]>", b"<![endif]>"])
    def test_marked_sections_that_break_html_parser_are_read_as_comments(self, section):
        document = document_from_upload("a.html", b"<p>Before</p>" + section + b"<p>After</p>")
        assert document.text.startswith("Before")

    def test_html_fragment_named_html_is_parsed_as_html(self):
        assert document_from_upload("a.htm", b"<p>One</p><p>Two &amp; three</p>").text == "One\n\nTwo & three"

    def test_pre_keeps_its_line_breaks(self):
        assert document_from_upload("a.html", b"<pre>line one\n  line two</pre>").text == "line one\n  line two"

    def test_declared_legacy_charset_is_honoured(self):
        page = '<html><head><meta charset="windows-1251"></head><body><p>\u041b\u0435\u0439\u043a\u0430</p></body>'
        assert document_from_upload("a.html", page.encode("cp1251")).text == "\u041b\u0435\u0439\u043a\u0430"

    def test_page_with_only_scripts_has_no_text(self):
        error = ingest_error("a.html", b"<html><script>var x = 1;</script></html>")
        assert str(error) == "a.html: no text found"

    def test_markup_flood_is_refused(self):
        error = ingest_error("a.html", b"<b>" * 400_000)
        assert error.code == "too_complex"

    @pytest.mark.parametrize(
        "pattern",
        [b"<a", b"<!--", b"</", b"<!", b"<?", b"<p a='", b"<", b"&#"],
    )
    def test_malformed_markup_is_parsed_without_error(self, pattern):
        # Python's html.parser re-parses an unterminated construct once per "<" in it; ingest must not.
        data = b"<p>Text</p>" + pattern * (200_000 // len(pattern))
        with contextlib.suppress(IngestError):
            document_from_upload("a.html", data)


class TestDocx:
    def test_paragraphs_become_lines_and_core_properties_become_metadata(self):
        docx = make_docx(
            ["Leica and Huawei", "They worked together for five years.", "", "Xiaomi is next."],
            core=core_xml(title="Leica story", creator="Jo Reporter", created="2022-05-23T10:00:00Z"),
        )
        document = document_from_upload("story.docx", docx)
        assert document.format == "docx"
        assert document.text == "Leica and Huawei\nThey worked together for five years.\n\nXiaomi is next."
        assert (document.title, document.author, document.published) == (
            "Leica story",
            "Jo Reporter",
            datetime.date(2022, 5, 23),
        )

    def test_tabs_breaks_deleted_and_moved_text(self):
        body = (
            "<w:p><w:r><w:t>Five</w:t><w:tab/><w:t>years</w:t><w:br/><w:t>later</w:t></w:r>"
            "<w:del><w:r><w:delText>deleted words</w:delText></w:r></w:del>"
            "<w:moveFrom><w:r><w:t>moved away</w:t></w:r></w:moveFrom>"
            "<w:r><w:instrText>HYPERLINK field code</w:instrText></w:r></w:p>"
        )
        document = document_from_upload("a.docx", make_docx(body_xml=document_xml(body=body)))
        assert document.text == "Five\tyears\nlater"

    def test_docx_without_core_properties_or_relationships_still_reads(self):
        assert document_from_upload("a.docx", make_docx(["Only text."], with_rels=False)).text == "Only text."

    def test_empty_docx_has_no_text(self):
        assert str(ingest_error("empty.docx", make_docx([]))) == "empty.docx: no text found"

    def test_billion_laughs_is_refused(self):
        error = ingest_error("laughs.docx", make_docx(body_xml=BILLION_LAUGHS_XML))
        assert "entity" in str(error)
        assert error.code == "too_complex"

    def test_entity_bomb_in_core_properties_is_refused(self):
        error = ingest_error("laughs.docx", make_docx(["Text."], core=BILLION_LAUGHS_XML))
        assert "entity" in str(error)

    def test_zip_bomb_is_refused_without_inflating_it(self):
        bomb = make_zip_bomb_docx(200)
        assert len(bomb) < 2 * 1024 * 1024
        error = ingest_error("bomb.docx", bomb)
        assert "ZIP bomb" in str(error)
        assert error.code == "too_complex"

    def test_archive_with_too_many_entries_is_refused(self):
        error = ingest_error("many.docx", make_many_entries_docx(2_100))
        assert str(error) == "many.docx: the document has 2,103 parts; the limit is 2,000"

    def test_understated_sizes_cannot_smuggle_more_data(self):
        docx = make_docx(["Leica and Huawei worked together for five years. " * 50] * 2_000)
        lying = with_declared_size(docx, "word/document.xml", 50_000)
        assert ingest_error("lying.docx", lying).code == "damaged"

    def test_truncated_docx_is_damaged(self):
        docx = make_docx(["Some text."] * 100)
        error = ingest_error("cut.docx", docx[: len(docx) // 2])
        assert error.code == "damaged"
        assert str(error).startswith("cut.docx: the Word document is damaged (")

    def test_malformed_document_xml_is_damaged(self):
        error = ingest_error("bad.docx", make_docx(body_xml="<w:document><w:body><w:p>"))
        assert error.code == "damaged"

    def test_odt_and_spreadsheets_are_named(self):
        odt = make_docx([], extra_entries={"mimetype": "application/vnd.oasis.opendocument.text"})
        odt = odt.replace(b"word/document.xml", b"word/documenx.xml")
        assert "OpenDocument" in str(ingest_error("a.odt", odt))


class TestPdf:
    def test_text_per_page_and_metadata(self):
        pdf = make_pdf(
            [["Leica (the camera maker) and Huawei", "worked together for five years."], ["Page two."]],
            info={"Title": "Leica report", "Author": "Jo Reporter", "CreationDate": "D:20220523130100-04'00'"},
        )
        document = document_from_upload("report.pdf", pdf)
        assert document.format == "pdf"
        assert document.text == "Leica (the camera maker) and Huawei\nworked together for five years.\n\nPage two."
        assert (document.title, document.author, document.published) == (
            "Leica report",
            "Jo Reporter",
            datetime.date(2022, 5, 23),
        )

    def test_file_name_left_in_the_title_field_is_not_a_title(self):
        pdf = make_pdf([["Five years.", "More."]], info={"Title": "Microsoft Word - draft.docx"})
        assert document_from_upload("r.pdf", pdf).title == ""

    def test_image_only_pdf_explains_that_it_needs_ocr(self):
        error = ingest_error("scan.pdf", make_pdf([[], []]))
        assert error.code == "no_text"
        assert str(error).startswith("scan.pdf: no text found (")
        assert "OCR" in str(error)

    @pytest.mark.parametrize(
        "damage",
        ["header only", "truncated", "garbage body"],
    )
    def test_damaged_pdf_is_reported(self, damage):
        pdf = make_pdf([["Some text."]])
        data = {
            "header only": b"%PDF-1.7\n%%EOF\n",
            "truncated": pdf[:60],
            "garbage body": b"%PDF-1.4\n" + bytes(range(256)) * 40,
        }[damage]
        error = ingest_error("broken.pdf", data)
        assert error.code in ("damaged", "no_text")
        assert str(error).startswith("broken.pdf: ")

    def test_password_protected_pdf_is_refused(self):
        error = ingest_error("secret.pdf", make_encrypted_pdf(user_password="s3cret"))
        assert str(error) == "secret.pdf: the PDF is password-protected; remove the password and upload it again"
        assert error.code == "encrypted"

    def test_pdf_encrypted_only_against_editing_is_read(self):
        document = document_from_upload("locked.pdf", make_encrypted_pdf(user_password=""))
        assert document.text == "Secret briefing on the Leica deal."

    def test_page_with_too_many_text_operations_is_refused(self):
        pdf = make_pdf([[f"Line {number}" for number in range(MAX_PDF_PAGE_TEXT_OPERATIONS // 2 + 10)]])
        error = ingest_error("dense.pdf", pdf)
        assert error.code == "too_complex"
        assert str(error).startswith("dense.pdf: the PDF is too complex to read here")

    def test_pages_with_too_much_content_are_refused_before_extraction(self):
        line = "Leica and Huawei worked together for five years, said the report."
        pdf = make_pdf([[line] * (MAX_PDF_CONTENT_BYTES // len(line) // 4)] * 4)
        assert ingest_error("heavy.pdf", pdf, max_bytes=len(pdf)).code == "too_complex"

    def test_page_count_is_capped(self):
        error = ingest_error("long.pdf", make_pdf([["Page."]] * 4), max_pdf_pages=3)
        assert str(error) == "long.pdf: the PDF has 4 pages; the limit is 3"
        assert MAX_PDF_PAGES == 500


class TestContentHash:
    def test_same_text_in_different_shapes_has_one_hash(self):
        assert content_hash("Leica and Huawei\r\n\r\nfive years ") == content_hash("Leica and Huawei\n\nfive years")
        assert content_hash("Leica and Huawei\nfive years") == content_hash("Leica  and Huawei five years")

    def test_different_text_has_a_different_hash(self):
        assert content_hash("five years") != content_hash("four years")

    def test_hash_is_sha256_hex(self):
        digest = content_hash("text")
        assert len(digest) == 64
        assert int(digest, 16) >= 0

    def test_txt_and_html_of_one_article_share_a_hash(self):
        txt = document_from_upload("a.txt", b"Leica and Huawei\n\nThey worked together.")
        html = document_from_upload("a.html", b"<h1>Leica and Huawei</h1><p>They worked\n together.</p>")
        assert content_hash(txt.text) == content_hash(html.text)


def test_ingest_imports_no_django():
    # Loaded from its file, not through the articles package, whose __init__ belongs to the Django app.
    code = (
        "import importlib.util, sys\n"
        "spec = importlib.util.spec_from_file_location('ingest', sys.argv[1])\n"
        "module = sys.modules['ingest'] = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(module)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'rest_framework', 'celery')))"
    )
    ingest_path = REPO_ROOT / "articles" / "ingest.py"
    output = subprocess.run([sys.executable, "-c", code, str(ingest_path)], capture_output=True, text=True, check=True)
    assert output.stdout.strip() == "[]"


FILENAMES = ["a.txt", "a.html", "a.docx", "a.pdf", "a.bin", "noextension"]
SEED_BYTES = [
    b"",
    b"%PDF-1.4\n",
    b"PK\x03\x04",
    b"<!doctype html><p>",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"date 2022-05-23 ",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    filename=st.sampled_from(FILENAMES),
    prefix=st.sampled_from(SEED_BYTES),
    data=st.binary(max_size=4096),
)
def test_any_bytes_give_a_document_with_text_or_an_ingest_error(filename, prefix, data):
    try:
        document = document_from_upload(filename, prefix + data)
    except IngestError as error:
        assert str(error).startswith(f"{error.filename}: ")
    else:
        assert document.text
        assert document.text == normalize_text(document.text)


@settings(max_examples=100, deadline=None)
@given(
    filename=st.sampled_from(FILENAMES),
    text=st.text(alphabet=st.characters(codec="utf-8"), max_size=2000),
)
def test_any_text_bytes_give_a_document_or_an_ingest_error(filename, text):
    try:
        document = document_from_upload(filename, text.encode("utf-8", "surrogatepass"))
    except IngestError:
        return
    assert document.text.strip() == document.text
    assert "\x00" not in document.text


@settings(max_examples=100, deadline=None)
@given(pdf_lines=st.lists(st.text(alphabet=st.characters(codec="cp1252"), max_size=80), max_size=5))
def test_mutated_pdfs_never_raise_anything_but_ingest_error(pdf_lines):
    pdf = make_pdf([pdf_lines or ["x"]])
    for cut in (len(pdf) // 3, len(pdf) // 2, len(pdf) - 10):
        for data in (pdf[:cut], pdf[:cut] + b"\x00" * 10 + pdf[cut + 10 :]):
            with contextlib.suppress(IngestError):
                document_from_upload("m.pdf", data)


def test_a_lone_upper_case_label_above_the_headline_is_not_the_title():
    document = document_from_text("SECTIONS\nKestrel signs a six-year camera deal\n\nKestrel signed on Tuesday.")
    assert document.title == "Kestrel signs a six-year camera deal"
