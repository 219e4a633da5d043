"""Is an uploaded scan what it claims to be: an allowed type, within the size, a real PDF or
image (its magic bytes, then a parse), refused at the field `file` otherwise."""

from __future__ import annotations

import io
import re
from typing import Final

from PIL import Image, UnidentifiedImageError

from domain.errors import DomainError

MAX_DOCUMENT_BYTES: Final = 5 * 1024 * 1024
MEDIA_TYPES: Final = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
_MAGIC: Final = {"application/pdf": b"%PDF-", "image/jpeg": b"\xff\xd8\xff",
                 "image/png": b"\x89PNG\r\n\x1a\n"}
_PIL_FORMATS: Final = {"image/jpeg": "JPEG", "image/png": "PNG"}
_STARTXREF: Final = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_OBJECT: Final = re.compile(rb"\d+\s+\d+\s+obj\b")


def media_type_of(data: bytes) -> str | None:
    """The allowed type whose magic bytes `data` begins with, if any."""
    for media_type, magic in _MAGIC.items():
        if data.startswith(magic):
            return media_type
    return None


def check_document(data: bytes, declared: str | None = None) -> str:
    """The media type of a valid scan; DOCUMENT_* at field `file` otherwise. The type is read
    from the content, and a declared type that differs from it is refused."""
    if not data:
        raise DomainError("DOCUMENT_EMPTY", field="file")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DomainError("DOCUMENT_TOO_LARGE", field="file",
                          limit=f"{MAX_DOCUMENT_BYTES // (1024 * 1024)} MB")
    media_type = media_type_of(data)
    if media_type is None or (declared not in (None, "", "application/octet-stream")
                              and declared.split(";")[0].strip().lower() != media_type):
        raise DomainError("DOCUMENT_TYPE_NOT_ALLOWED", field="file")
    if not (_pdf_is_whole(data) if media_type == "application/pdf"
            else _image_is_whole(data, _PIL_FORMATS[media_type])):
        raise DomainError("DOCUMENT_CONTENT_INVALID", field="file")
    return media_type


def _pdf_is_whole(data: bytes) -> bool:
    """A structural check: a version header, at least one object, and a `startxref` at the
    end that points inside the file at a cross-reference table or stream."""
    if not re.match(rb"%PDF-\d\.\d", data):
        return False
    found = _STARTXREF.search(data[-1024:])
    if found is None or not _OBJECT.search(data):
        return False
    offset = int(found.group(1))
    if not 0 < offset < len(data):
        return False
    at = data[offset:offset + 32]
    return at.startswith(b"xref") or _OBJECT.match(at) is not None


def _image_is_whole(data: bytes, pil_format: str) -> bool:
    """Pillow reads the header and checks the stream (`verify`), then decodes the pixels
    (`load`), which finds a truncated JPEG that `verify` lets pass."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != pil_format:
                return False
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > 100_000_000:
                return False
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError):
        return False
    return True
