"""Reading the PDFs the app draws (fpdf2: zlib-compressed content streams), without a PDF
library: the text of the pages and their number."""

from __future__ import annotations

import re
import zlib


def pdf_text(body: bytes) -> str:
    """The text of every content stream of the PDF."""
    found = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", body, re.S):
        try:
            found.append(zlib.decompress(stream).decode("latin-1"))
        except zlib.error:
            continue
    return "".join(found)


def page_count(body: bytes) -> int:
    """How many page objects the PDF holds."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", body))
