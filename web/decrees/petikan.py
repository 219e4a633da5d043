"""The petikan SK as a PDF: one decree of one employee, with the QR code of its public page.

A petikan is the extract of a decree handed to the person it names: the government, the
decree's number and date, the person's name and NIP (it is their document), the action and its
TMT, and here the code and short URL of the page where anyone can check it is in the log.
Drawn with fpdf2's core fonts (Latin-1: other characters are replaced, never dropped
silently into an error); the QR code by segno.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import segno
from flask_babel import format_date
from flask_babel import gettext as _
from fpdf import FPDF

from domain.decree_signer import Signer
from projections.decrees import Decree
from projections.views.timeline import details
from web.hr.labels import detail_items, kind_label

_PLAIN = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'",
                        "\u201c": '"', "\u201d": '"', "\u2026": "...", "\u2192": "->"})


@dataclass(frozen=True)
class Holder:
    """Who the petikan is for and where they serve, read from the roster for staff in scope
    or the employee themself."""

    name: str
    nip: str
    government: str
    agency: str


def long_date(value: date) -> str:
    """A decree's date, its month written out: "1 April 2026"."""
    return str(format_date(value, "d MMMM y"))


def latin(text: str) -> str:
    """Text the PDF's core fonts can draw."""
    return text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def qr_png(url: str) -> bytes:
    """The QR code of `url` as a PNG (error correction M: a printed, folded page)."""
    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(out, kind="png", scale=6, border=2)
    return out.getvalue()


@dataclass(frozen=True)
class Petikan:
    """One petikan to draw: the decree, who it is for, its short URL, and the official who
    signed it (None: no signer is set for its date, and the petikan names the office only)."""

    decree: Decree
    holder: Holder
    url: str
    signer: Signer | None = None


def render(petikan: Petikan, printed_on: date) -> bytes:
    """The petikan's PDF bytes."""
    return render_all([petikan], printed_on,
                      _("Decree extract %(number)s", number=petikan.decree.number))


def render_all(petikans: Sequence[Petikan], printed_on: date, title: str) -> bytes:
    """One PDF of several petikan (a batch's decrees), one page each, in the order given."""
    pdf = FPDF(format="A4")
    pdf.set_title(latin(title))
    pdf.set_creator("Rekam Jejak")
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(True, margin=20)
    for petikan in petikans:
        _page(pdf, petikan, printed_on)
    return bytes(pdf.output())


def _page(pdf: FPDF, petikan: Petikan, printed_on: date) -> None:
    """Draw one petikan on a new page."""
    decree, holder, url = petikan.decree, petikan.holder, petikan.url
    pdf.add_page()
    width = pdf.epw

    def line(text: str, size: float = 11, style: str = "", align: str = "L",
             height: float = 6) -> None:
        pdf.set_font("Helvetica", style, size)
        pdf.multi_cell(width, height, latin(text), align=align, new_x="LMARGIN", new_y="NEXT")

    line(_("GOVERNMENT OF %(government)s", government=holder.government.upper()), 13, "B",
         "C")
    line(holder.agency, 11, "", "C")
    pdf.ln(4)
    line(_("EXTRACT"), 12, "B", "C")
    line(_("DECREE ON %(action)s", action=kind_label(decree.kind).upper()), 12, "B", "C")
    line(_("NUMBER: %(number)s", number=decree.number), 11, "", "C")
    pdf.ln(6)
    line(_("Decides:"), 11, "B")
    line(_("FIRST: %(action)s, effective %(tmt)s (TMT), for", action=kind_label(decree.kind),
           tmt=long_date(decree.effective_on)))
    rows = [(_("Name"), holder.name), (_("NIP / NI PPPK"), holder.nip),
            *detail_items(details(decree.event))]
    for label, value in rows:
        pdf.set_font("Helvetica", "", 11)
        pdf.cell(55, 6, latin(f"    {label}"))
        pdf.multi_cell(width - 55, 6, latin(f": {value}"), new_x="LMARGIN", new_y="NEXT")
    line(_("SECOND: Should this decree prove mistaken, it will be corrected as is proper."))
    pdf.ln(4)
    line(_("Legal basis: decree number %(number)s, signed %(signed)s.",
           number=decree.number, signed=long_date(decree.signed_on)))
    if petikan.signer is None:
        line(_("Signed on %(signed)s by the competent official (Pejabat Pembina "
               "Kepegawaian).", signed=long_date(decree.signed_on)))
    else:
        line(_("Signed on %(signed)s by", signed=long_date(decree.signed_on)))
        line(petikan.signer.title, style="B")
        pdf.ln(10)  # room for the signature
        line(petikan.signer.name, style="B")
    pdf.ln(8)
    top = pdf.get_y()
    pdf.image(io.BytesIO(qr_png(url)), x=pdf.l_margin, y=top, w=38, h=38)
    pdf.set_xy(pdf.l_margin + 44, top)
    pdf.set_font("Helvetica", "B", 11)
    pdf.multi_cell(width - 44, 6, latin(_("Check this decree in the public log:")),
                   new_x="LEFT", new_y="NEXT")
    pdf.set_font("Courier", "", 11)
    pdf.multi_cell(width - 44, 6, latin(url), new_x="LEFT", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(width - 44, 5, latin(
        _("Code %(code)s, log position %(position)s. The page shows the decree number, date, "
          "action and TMT held in the log; compare them with this paper.",
          code=decree.code, position=decree.position)), new_x="LEFT", new_y="NEXT")
    pdf.set_y(max(pdf.get_y(), top + 40) + 6)
    line(_("Printed from Rekam Jejak on %(printed)s.", printed=long_date(printed_on)), 9)
