"""How domain values are stored in events: one named transcoding per type, fixed forever.

The `name` of a transcoding is written into every stored event that holds such a value, so it
must never change; a new representation needs a new name and the old one kept for decoding.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding

from domain import values
from domain.privacy import Sealed


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


def _enum_transcoding(enum_class: type[Enum]) -> Transcoding:
    class EnumAsValue(Transcoding):
        type = enum_class
        name = enum_class.__name__

        def encode(self, obj: Enum) -> Any:
            return obj.value

        def decode(self, data: Any) -> Enum:
            return enum_class(data)

    return EnumAsValue()


class GradeAsCode(Transcoding):
    type = values.Grade
    name = "grade"

    def encode(self, obj: values.Grade) -> str:
        return obj.code

    def decode(self, data: str) -> values.Grade:
        return values.Grade(data)


class GradeRangeAsList(Transcoding):
    type = values.GradeRange
    name = "grade_range"

    def encode(self, obj: values.GradeRange) -> list[str]:
        return [obj.lowest.code, obj.highest.code]

    def decode(self, data: list[str]) -> values.GradeRange:
        return values.GradeRange(values.Grade(data[0]), values.Grade(data[1]))


class ActorAsDict(Transcoding):
    type = values.Actor
    name = "actor"

    def encode(self, obj: values.Actor) -> dict[str, str]:
        return {"user": obj.user_id, "role": obj.role.value}

    def decode(self, data: dict[str, str]) -> values.Actor:
        return values.Actor(data["user"], values.Role(data["role"]))


class LegalBasisAsDict(Transcoding):
    type = values.LegalBasis
    name = "legal_basis"

    def encode(self, obj: values.LegalBasis) -> dict[str, str]:
        return {"number": obj.number, "signed_on": obj.signed_on.isoformat()}

    def decode(self, data: dict[str, str]) -> values.LegalBasis:
        return values.LegalBasis(data["number"], date.fromisoformat(data["signed_on"]))


class JpHoursAsNumber(Transcoding):
    type = values.JpHours
    name = "jp"

    def encode(self, obj: values.JpHours) -> float:
        return obj.value

    def decode(self, data: float) -> values.JpHours:
        return values.JpHours(data)


class SealedAsBase64(Transcoding):
    type = Sealed
    name = "sealed"

    def encode(self, obj: Sealed) -> str:
        return obj.as_text()

    def decode(self, data: str) -> Sealed:
        return Sealed.from_text(data)


ENUMS: tuple[type[Enum], ...] = (
    values.EmploymentType, values.EmployeeStatus, values.Sex, values.Role, values.Education,
    values.PositionType, values.PromotionKind, values.TrainingType, values.TopicTag,
    values.Expectation, values.Rating, values.PenaltyLevel, values.PenaltyType,
    values.SeparationType,
)


def register_domain_transcodings(transcoder: JSONTranscoder) -> None:
    """Register every domain type; followers that decode events call this too."""
    for transcoding in (DateAsISO(), GradeAsCode(), GradeRangeAsList(), ActorAsDict(),
                        LegalBasisAsDict(), JpHoursAsNumber(), SealedAsBase64()):
        transcoder.register(transcoding)
    for enum_class in ENUMS:
        transcoder.register(_enum_transcoding(enum_class))
