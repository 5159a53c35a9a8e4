"""Small files of each kind for the attachment tests, built in memory (no binary fixtures in the repository)."""

import io
import zipfile

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(17)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(32) + b"\xff\xd9"
HTML = b"<!DOCTYPE html><html><script>alert(1)</script></html>"


def _zip(entries: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED if name == "mimetype" else None)
    return buffer.getvalue()


ODT = _zip([("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<office:document/>")])
DOCX = _zip([("[Content_Types].xml", b'<Types><Override PartName="/word/document.xml" ContentType="application/'
                                     b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
             ("word/document.xml", b"<w:document/>")])
# A zip that is neither: an OpenDocument spreadsheet, and a plain archive.
ODS = _zip([("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", b"<x/>")])
ZIP = _zip([("readme.txt", b"hello")])
