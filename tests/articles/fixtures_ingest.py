"""Builders for ingest test files: every docx, PDF and bomb is made here in code, so no binary file is committed."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
ROOT_RELS_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    "</Relationships>"
)


def document_xml(paragraphs: list[str] | None = None, *, body: str | None = None) -> str:
    if body is None:
        body = "".join(f"<w:p><w:r><w:t xml:space='preserve'>{escape(text)}</w:t></w:r></w:p>" for text in paragraphs)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{WORD_NS}"><w:body>{body}</w:body></w:document>'
    )


def core_xml(*, title: str = "", creator: str = "", created: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(creator)}</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{escape(created)}</dcterms:created>'
        "</cp:coreProperties>"
    )


def make_docx(
    paragraphs: list[str] | None = None,
    *,
    body_xml: str | None = None,
    core: str | None = None,
    extra_entries: dict[str, bytes | str] | None = None,
    with_rels: bool = True,
) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES_XML)
        if with_rels:
            archive.writestr("_rels/.rels", ROOT_RELS_XML)
        archive.writestr("word/document.xml", body_xml if body_xml is not None else document_xml(paragraphs or []))
        if core is not None:
            archive.writestr("docProps/core.xml", core)
        for name, content in (extra_entries or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def make_zip_bomb_docx(uncompressed_mb: int = 200, entry: str = "word/document.xml") -> bytes:
    """A docx whose one big entry inflates to ``uncompressed_mb`` of zeros; written in 1 MB steps to stay light."""
    buffer = io.BytesIO()
    zeros = bytes(1024 * 1024)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES_XML)
        with archive.open(entry, "w", force_zip64=True) as stream:
            for _ in range(uncompressed_mb):
                stream.write(zeros)
    return buffer.getvalue()


def make_many_entries_docx(count: int) -> bytes:
    extra = {f"word/media/part{index}.xml": "<x/>" for index in range(count)}
    return make_docx(["Enough parts to be a problem."], extra_entries=extra)


def with_declared_size(docx: bytes, entry: str, declared_size: int) -> bytes:
    """The same archive, but its central directory understates ``entry``'s uncompressed size."""
    archive = zipfile.ZipFile(io.BytesIO(docx))
    info = archive.getinfo(entry)
    real_size = info.file_size
    name = entry.encode()
    header_index = docx.index(b"PK\x01\x02", 0)
    while True:
        name_length = int.from_bytes(docx[header_index + 28 : header_index + 30], "little")
        if docx[header_index + 46 : header_index + 46 + name_length] == name:
            break
        header_index = docx.index(b"PK\x01\x02", header_index + 4)
    size_field = header_index + 24
    assert int.from_bytes(docx[size_field : size_field + 4], "little") == real_size
    return docx[:size_field] + declared_size.to_bytes(4, "little") + docx[size_field + 4 :]


BILLION_LAUGHS_XML = (
    '<?xml version="1.0"?>'
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
    '<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">'
    '<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">'
    '<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">'
    '<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">'
    '<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>'
    f'<w:document xmlns:w="{WORD_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
)


def _pdf_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[str]], *, info: dict[str, str] | None = None) -> bytes:
    """A minimal PDF 1.4, written by hand: one Helvetica text line per string, xref offsets computed here.

    A page given as an empty list has no content stream at all, like a page that is only a scanned image.
    """
    objects: list[bytes] = []
    page_count = len(pages)
    font_number = 3
    first_page_number = 4
    page_numbers = [first_page_number + 2 * index for index in range(page_count)]
    info_number = first_page_number + 2 * page_count

    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{number} 0 R" for number in page_numbers)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {page_count} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for number, lines in zip(page_numbers, pages, strict=True):
        contents = f" /Contents {number + 1} 0 R" if lines else ""
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
            f" /Resources << /Font << /F1 {font_number} 0 R >> >>{contents} >>".encode()
        )
        operations = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
        for line in lines:
            operations.append(f"({_pdf_string(line)}) Tj T*")
        operations.append("ET")
        stream = "\n".join(operations).encode("cp1252")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    if info:
        entries = " ".join(f"/{key} ({_pdf_string(value)})" for key, value in info.items())
        objects.append(f"<< {entries} >>".encode())

    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_offset = len(output)
    output += b"xref\n0 %d\n" % (len(objects) + 1)
    output += b"0000000000 65535 f \n"
    for offset in offsets:
        output += b"%010d 00000 n \n" % offset
    info_ref = f" /Info {info_number} 0 R" if info else ""
    output += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info_ref} >>\n".encode()
    output += b"startxref\n%d\n%%%%EOF\n" % xref_offset
    return bytes(output)


def make_encrypted_pdf(*, user_password: str, owner_password: str = "owner") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([["Secret briefing on the Leica deal."]]))))
    # RC4 works with pypdf alone; AES would need an extra crypto package.
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
