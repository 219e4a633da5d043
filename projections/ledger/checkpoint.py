"""Signed checkpoints of the log: C2SP signed notes with Ed25519 (stdlib + `cryptography`).

A checkpoint (https://c2sp.org/tlog-checkpoint) is a note whose text is three lines, the log's
origin, the tree size and the base64 root hash, followed by a blank line and one signature line
per signer (https://c2sp.org/signed-note):

    rekam-jejak.example/log
    1234
    <base64 root hash>

    — rekam-jejak.example/log <base64(key id || Ed25519 signature of the text)>

The key id is the first four bytes of SHA-256(name || "\\n" || 0x01 || public key), and the
verifier key is published as `name+<key id hex>+<base64(0x01 || public key)>`.
The offline verifier imports this module: it must not import the domain, the service or a
database driver.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

ED25519 = b"\x01"  # the signed-note signature type of Ed25519
SIGNATURE_DASH = "\u2014 "  # "— ", an em dash and a space, opens every signature line


class CheckpointError(ValueError):
    """Raised when a checkpoint or a verifier key is malformed or its signature does not hold."""


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes

    def text(self) -> str:
        """The signed text: origin, size and base64 root, each ending in a newline."""
        return f"{self.origin}\n{self.size}\n{base64.b64encode(self.root).decode()}\n"


@dataclass(frozen=True)
class VerifierKey:
    name: str
    public_key: Ed25519PublicKey

    @property
    def key_id(self) -> bytes:
        return key_id(self.name, _raw(self.public_key))

    def encode(self) -> str:
        """The signed-note verifier key: `name+<key id hex>+<base64(0x01 || key)>`."""
        return (f"{self.name}+{self.key_id.hex()}+"
                f"{base64.b64encode(ED25519 + _raw(self.public_key)).decode()}")

    @classmethod
    def parse(cls, text: str) -> VerifierKey:
        try:
            name, hex_id, encoded = text.strip().split("+", 2)  # base64 may hold "+"
            raw = base64.b64decode(encoded, validate=True)
            if raw[:1] != ED25519 or len(raw) != 33:
                raise CheckpointError("the verifier key is not an Ed25519 key")
            found = cls(name, Ed25519PublicKey.from_public_bytes(raw[1:]))
        except (ValueError, binascii.Error) as error:
            if isinstance(error, CheckpointError):
                raise
            raise CheckpointError("the verifier key is not of the form "
                                  "name+keyid+base64key") from None
        if found.key_id.hex() != hex_id.lower():
            raise CheckpointError("the verifier key's id does not match its name and key")
        return found


def key_id(name: str, raw_public_key: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + ED25519 + raw_public_key).digest()[:4]


def sign(checkpoint: Checkpoint, name: str, private_key: Ed25519PrivateKey) -> str:
    """The checkpoint as a signed note, signed by `name`."""
    text = checkpoint.text()
    signature = private_key.sign(text.encode())
    blob = key_id(name, _raw(private_key.public_key())) + signature
    return f"{text}\n{SIGNATURE_DASH}{name} {base64.b64encode(blob).decode()}\n"


def parse(note: str) -> tuple[Checkpoint, list[tuple[str, bytes]]]:
    """The checkpoint in a signed note and its signature lines (name, key id || signature)."""
    text, separator, signatures = note.partition("\n\n")
    if not separator:
        raise CheckpointError("a checkpoint needs a blank line between its text and signatures")
    lines = text.split("\n")
    if len(lines) < 3:
        raise CheckpointError("a checkpoint's text has an origin, a size and a root hash")
    origin, size_text, root_text = lines[:3]
    if not size_text.isdigit() or (size_text != "0" and size_text.startswith("0")):
        raise CheckpointError(f"the checkpoint's tree size {size_text!r} is not a number")
    try:
        root = base64.b64decode(root_text, validate=True)
    except binascii.Error:
        raise CheckpointError("the checkpoint's root hash is not base64") from None
    if len(root) != 32:
        raise CheckpointError("the checkpoint's root hash is not 32 bytes long")
    found: list[tuple[str, bytes]] = []
    for line in signatures.rstrip("\n").split("\n"):
        if not line.startswith(SIGNATURE_DASH):
            raise CheckpointError("a signature line must start with an em dash and a space")
        name, _, encoded = line[len(SIGNATURE_DASH):].rpartition(" ")
        try:
            found.append((name, base64.b64decode(encoded, validate=True)))
        except binascii.Error:
            raise CheckpointError("a checkpoint signature is not base64") from None
    return Checkpoint(origin, int(size_text), root), found


def open_note(note: str, key: VerifierKey) -> Checkpoint:
    """The checkpoint in `note` if `key` signed it; CheckpointError otherwise."""
    checkpoint, signatures = parse(note)
    body = note.partition("\n\n")[0] + "\n"
    for name, blob in signatures:
        if name == key.name and blob[:4] == key.key_id:
            try:
                key.public_key.verify(blob[4:], body.encode())
            except InvalidSignature:
                raise CheckpointError(
                    f"the signature of {key.name} on the checkpoint of size "
                    f"{checkpoint.size} does not hold: the note was changed") from None
            return checkpoint
    raise CheckpointError(f"the checkpoint of size {checkpoint.size} carries no signature "
                          f"of the key {key.name}+{key.key_id.hex()}")


def load_or_create_key(path: Path) -> Ed25519PrivateKey:
    """The signing key stored at `path`, created (mode 0600) if there is none yet.

    Two processes creating it at once: each writes a private temporary file and links it into
    place, which fails for the loser, who then reads the winner's key.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption())
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(pem)
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            temporary.unlink(missing_ok=True)
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise CheckpointError(f"{path} does not hold an Ed25519 private key")
    return key


def _raw(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
