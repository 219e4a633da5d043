"""Real scans made in the test: a PDF by fpdf2, PNG and JPEG images by Pillow."""

from __future__ import annotations

import io

from fpdf import FPDF
from PIL import Image


def a_pdf(text: str = "PETIKAN KEPUTUSAN") -> bytes:
    """A one-page PDF whose text stream is left uncompressed, so `text` is findable on disk."""
    pdf = FPDF()
    pdf.set_compression(False)
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text=text)
    return bytes(pdf.output())


def an_image(media_type: str, size: tuple[int, int] = (64, 48)) -> bytes:
    """A small PNG or JPEG (`image/png`, `image/jpeg`)."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 60)).save(
        buffer, format="PNG" if media_type == "image/png" else "JPEG")
    return buffer.getvalue()
