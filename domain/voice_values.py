"""Values of citizens' voice: holiday kinds, and the categories, states and reasons of a
complaint (pengaduan, SP4N-LAPOR!)."""

from __future__ import annotations

from enum import Enum


class HolidayKind(Enum):
    """Hari libur nasional, or cuti bersama (a collective leave day, also off for every ASN)."""

    NATIONAL = "national"
    CUTI_BERSAMA = "cuti_bersama"


class ComplaintCategory(Enum):
    """What the complaint is about, by the elements of the service standard."""

    REQUIREMENTS = "requirements"  # persyaratan
    PROCEDURE = "procedure"  # sistem, mekanisme dan prosedur
    TIME = "time"  # waktu penyelesaian
    COST = "cost"  # biaya / tarif, pungutan liar
    CONDUCT = "conduct"  # perilaku pelaksana
    FACILITIES = "facilities"  # sarana dan prasarana
    OTHER = "other"


class ComplaintStatus(Enum):
    """Where a complaint stands in its handling."""

    RECEIVED = "received"
    VERIFIED = "verified"
    REJECTED = "rejected"
    ASSIGNED = "assigned"
    ANSWERED = "answered"
    CLOSED = "closed"
    REOPENED = "reopened"


class RejectionReason(Enum):
    """Why a complaint was not taken up (an answer the complainant can read)."""

    OUT_OF_SCOPE = "out_of_scope"  # bukan wewenang
    DUPLICATE = "duplicate"
    ABUSIVE = "abusive"
    INCOMPLETE = "incomplete"


class Resolution(Enum):
    """How a complaint was closed: the problem put right, or closed without that."""

    RESOLVED = "resolved"
    CLOSED = "closed"
