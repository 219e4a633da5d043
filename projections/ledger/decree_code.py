"""The verification code printed on a decree: its log position and a tag of its stored bytes.

A code reads `<position>-<12 characters>`, e.g. `1523-7KQ2M4PZR8AX`. The tag is the first 60
bits of SHA-256("rekam-sk-code" || 0x00 || canonical bytes of the stored event), written in
Crockford's base32 (no I, L, O or U; typed lower case, O for 0 and I/L for 1 are accepted).

Why not the leaf hash itself: a public inclusion proof hands out the leaf hash of the entry's
neighbour, so a code made from leaf hashes could be built for the next person's decree. The
canonical bytes hold the event as stored (personal fields encrypted), which only auditors see
in an export: nobody else can make a code, an altered digit or tag points at another entry or
no entry, and 60 bits cannot be guessed through a throttled page. No secret key is involved,
so an auditor holding an export can recompute every code offline, and no key rotation can
break a printed decree. Stdlib only: the offline verifier may import it.
"""

from __future__ import annotations

import hashlib

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TAG_CHARS = 12  # 60 bits
_DOMAIN = b"rekam-sk-code\x00"
_TYPED = str.maketrans({"O": "0", "I": "1", "L": "1"})
MAX_CODE_LENGTH = 40


def tag_of(canonical: bytes) -> str:
    """The 12 base32 characters a code carries for these canonical bytes."""
    value = int.from_bytes(hashlib.sha256(_DOMAIN + canonical).digest()[:8], "big") >> 4
    return "".join(ALPHABET[(value >> (5 * (TAG_CHARS - 1 - i))) & 31]
                   for i in range(TAG_CHARS))


def code_of(position: int, canonical: bytes) -> str:
    return f"{position}-{tag_of(canonical)}"


def parse_code(text: str) -> tuple[int, str] | None:
    """(position, tag) of a typed code, or None when it cannot be one."""
    cleaned = "".join(text.split()).upper()
    if not cleaned or len(cleaned) > MAX_CODE_LENGTH:
        return None
    position_text, separator, tag = cleaned.partition("-")
    tag = tag.translate(_TYPED)
    if (not separator or not position_text.isdigit() or len(position_text) > 12
            or len(tag) != TAG_CHARS or any(c not in ALPHABET for c in tag)):
        return None
    return int(position_text), tag
