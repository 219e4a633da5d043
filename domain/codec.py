"""How events are stored: plain JSON whose types come from each event class's annotations.

A date is stored as "2020-04-01", an enum as its value, a value object as an object of its
fields, sealed personal data as base64 — no type tags. Decoding builds the typed values from the
class's annotations in one pass (msgspec), several times faster than the library's generic
transcoder, which matters because every replay, rebuild and audit decodes every event. An event
class with an untyped field (`Any`) is stored by the library's transcoder instead, with the
transcodings registered in domain/transcodings.py. Either way the format is decided by the
event class, so it is part of the stored history: change a class only with `class_version` and
an upcaster, which receive the stored state as a plain dict.
"""

from __future__ import annotations

import dataclasses
import typing
from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.persistence import Mapper, StoredEvent, Transcoder
from eventsourcing.utils import get_topic, resolve_topic

_ID_FIELDS = ("originator_id", "originator_version")


class EventMapper(Mapper[UUID]):
    """The library's mapper with typed JSON for every fully annotated event class."""

    def __init__(self, transcoder: Transcoder, compressor: Any = None, cipher: Any = None
                 ) -> None:
        super().__init__(transcoder=transcoder, compressor=compressor, cipher=cipher)
        self._encoder = msgspec.json.Encoder()
        self._decoders: dict[type, msgspec.json.Decoder[Any] | None] = {}
        self._schemas: dict[type, Any] = {}
        self._topics: dict[str, tuple[type, msgspec.json.Decoder[Any] | None, int]] = {}

    def to_stored_event(self, domain_event: Any) -> StoredEvent:
        cls = type(domain_event)
        if self._decoder(cls) is None:
            return super().to_stored_event(domain_event)
        state = dict(vars(domain_event))
        originator_id = state.pop("originator_id")
        originator_version = state.pop("originator_version")
        class_version = getattr(cls, "class_version", 1)
        if class_version > 1:
            state["class_version"] = class_version
        data = self._encoder.encode(state)
        if self.compressor:
            data = self.compressor.compress(data)
        if self.cipher:
            data = self.cipher.encrypt(data)
        return StoredEvent(originator_id=originator_id, originator_version=originator_version,
                           topic=get_topic(cls), state=data)

    def to_domain_event(self, stored_event: StoredEvent) -> Any:
        return self.decode(stored_event.originator_id, stored_event.originator_version,
                           stored_event.topic, stored_event.state)

    def decode(self, originator_id: UUID | str, originator_version: int, topic: str, data: bytes
               ) -> Any:
        """The domain event of one stored row (a rebuild calls this without a StoredEvent)."""
        # Every replay and rebuild comes through here: what a topic needs is looked up once.
        found = self._topics.get(topic)
        if found is None:
            cls = resolve_topic(topic)
            found = self._topics[topic] = (cls, self._decoder(cls),
                                           getattr(cls, "class_version", 1))
        cls, decoder, class_version = found
        if decoder is None:
            return super().to_domain_event(StoredEvent(
                originator_id=originator_id, originator_version=originator_version,
                topic=topic, state=data))
        if self.cipher:
            data = self.cipher.decrypt(data)
        if self.compressor:
            data = self.compressor.decompress(data)
        if class_version > 1:  # stored states may be older: upcast them as plain dicts
            state = self._upcast(cls, msgspec.json.decode(data), class_version)
        else:
            state = decoder.decode(data)
        state["originator_id"] = originator_id
        state["originator_version"] = originator_version
        event: Any = object.__new__(cls)
        object.__setattr__(event, "__dict__", state)
        return event

    def _upcast(self, cls: type, state: dict[str, Any], class_version: int) -> dict[str, Any]:
        version = state.pop("class_version", 1)
        while version < class_version:
            getattr(cls, f"upcast_v{version}_v{version + 1}")(state)
            version += 1
        state = dict(msgspec.convert(state, self._schemas[cls], strict=False))
        state.pop("class_version", None)
        return state

    def _decoder(self, cls: type) -> msgspec.json.Decoder[Any] | None:
        if cls not in self._decoders:
            schema = _schema(cls)
            self._decoders[cls] = None if schema is None else msgspec.json.Decoder(schema)
            self._schemas[cls] = schema
        return self._decoders[cls]


def _schema(cls: type) -> Any:
    """A TypedDict of the event's stored fields, or None when a field is untyped."""
    hints = typing.get_type_hints(cls)
    stored = {f.name: hints[f.name] for f in dataclasses.fields(cls)
              if f.name not in _ID_FIELDS}
    if any(_mentions_any(t) for t in stored.values()):
        return None
    stored["class_version"] = typing.NotRequired[int]
    return typing.TypedDict(f"{cls.__qualname__}State", stored)  # type: ignore[operator]


def _mentions_any(hint: Any) -> bool:
    return hint is Any or any(_mentions_any(arg) for arg in typing.get_args(hint))
