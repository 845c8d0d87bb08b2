"""Signatures and transport encryption of bundle files.

- A bundle's manifest is signed with the device's Ed25519 key (made at first run).
- For transport, the whole bundle file can be wrapped, either with a passphrase (scrypt, then
  AES-256-GCM) or for the headquarters' X25519 public key (an ephemeral key agreement, HKDF,
  then AES-256-GCM). The file is cut into 1 MiB chunks, each sealed with its index and a
  last-chunk flag in the nonce, so a cut, reordered or altered file is refused.

File layout: ``REPATENC`` + version byte + 4-byte header length + header JSON, then chunks of
4-byte length + ciphertext. The header (authenticated with every chunk) holds the scheme and its
parameters and a key check value, so a wrong passphrase is told apart from a damaged file.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from app.errors import RepatError

MAGIC = b"REPATENC"
ENC_VERSION = 1
CHUNK = 1 << 20
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
MAX_HEADER = 64 * 1024
KEY_CHECK_LABEL = b"repat key check"
HKDF_INFO = b"repat bundle encryption v1"
# DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow.
ED25519_SPKI_PREFIX = bytes.fromhex("302a300506032b6570032100")


class CryptoError(RepatError):
    """A file cannot be decrypted or verified; the message says why in one sentence."""


# --- keys and fingerprints ----------------------------------------------------------------------


def fingerprint(public_key_b64: str) -> str:
    """The key's fingerprint as people compare it: 32 hex digits in groups of four."""
    digest = hashlib.sha256(base64.b64decode(public_key_b64)).hexdigest()[:32].upper()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def load_signing_key(private_b64: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(private_b64))


def public_b64_of(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def sign(private_b64: str, data: bytes) -> bytes:
    return load_signing_key(private_b64).sign(data)


def verify(public_key_b64: str, data: bytes, signature: bytes) -> bool:
    try:
        raw = base64.b64decode(public_key_b64, validate=True)
        Ed25519PublicKey.from_public_bytes(raw).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def ed25519_public_pem(public_key_b64: str) -> bytes:
    raw = base64.b64decode(public_key_b64)
    return Ed25519PublicKey.from_public_bytes(raw).public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def new_x25519_private_b64() -> str:
    key = X25519PrivateKey.generate()
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    return base64.b64encode(raw).decode()


def x25519_public_of(private_b64: str) -> X25519PublicKey:
    return X25519PrivateKey.from_private_bytes(base64.b64decode(private_b64)).public_key()


def x25519_public_pem(key: X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def x25519_raw(key: X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def x25519_key_id(key: X25519PublicKey) -> str:
    return fingerprint(base64.b64encode(x25519_raw(key)).decode())


def load_x25519_public_pem(data: bytes) -> X25519PublicKey:
    try:
        key = serialization.load_pem_public_key(data)
    except ValueError as exc:
        raise CryptoError("The file is not a headquarters public key (expected a PEM file from `repat keys hq-public`).") from exc
    if not isinstance(key, X25519PublicKey):
        raise CryptoError("The file holds another kind of key, not the headquarters' X25519 public key.")
    return key


# --- transport encryption ---------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    """How to encrypt: a passphrase, or the headquarters' public key."""

    passphrase: str | None = None
    hq_public: X25519PublicKey | None = None


def is_encrypted(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(len(MAGIC)) == MAGIC


def _check_value(key: bytes) -> str:
    return hmac.new(key, KEY_CHECK_LABEL, hashlib.sha256).hexdigest()[:32]


def _scrypt(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _hkdf(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=HKDF_INFO + ephemeral + recipient).derive(shared)


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + struct.pack(">I", index) + (b"\x01" if last else b"\x00")


def encrypt_file(src: Path, dst: BinaryIO, recipient: Recipient) -> None:
    """Write ``src`` encrypted to the open file ``dst``."""
    header: dict[str, object]
    if recipient.passphrase is not None:
        if not recipient.passphrase:
            raise CryptoError("The passphrase is empty; choose one and give it to the headquarters separately.")
        salt = os.urandom(16)
        key = _scrypt(recipient.passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
        header = {"scheme": "passphrase", "kdf": "scrypt", "salt": base64.b64encode(salt).decode(),
                  "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P}
    elif recipient.hq_public is not None:
        ephemeral = X25519PrivateKey.generate()
        eph_raw = x25519_raw(ephemeral.public_key())
        rec_raw = x25519_raw(recipient.hq_public)
        key = _hkdf(ephemeral.exchange(recipient.hq_public), eph_raw, rec_raw)
        header = {"scheme": "x25519", "ephemeral": base64.b64encode(eph_raw).decode(),
                  "recipient": x25519_key_id(recipient.hq_public)}
    else:
        raise CryptoError("Choose a passphrase or the headquarters' key to encrypt the bundle.")
    prefix = os.urandom(7)
    header.update({"cipher": "AES-256-GCM", "chunk": CHUNK, "nonce": base64.b64encode(prefix).decode(),
                   "check": _check_value(key)})
    header_bytes = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    preamble = MAGIC + bytes([ENC_VERSION]) + struct.pack(">I", len(header_bytes)) + header_bytes
    dst.write(preamble)
    aead = AESGCM(key)
    size = src.stat().st_size
    index = 0
    done = 0
    with open(src, "rb") as fh:
        while True:
            chunk = fh.read(CHUNK)
            done += len(chunk)
            last = done >= size
            sealed = aead.encrypt(_nonce(prefix, index, last), chunk, preamble)
            dst.write(struct.pack(">I", len(sealed)) + sealed)
            index += 1
            if last:
                break


def _read_exact(fh: BinaryIO, n: int) -> bytes:
    data = fh.read(n)
    if len(data) != n:
        raise CryptoError("The encrypted file is incomplete (it may have been cut short while copying); ask for it again.")
    return data


def read_header(path: Path) -> dict[str, object]:
    with open(path, "rb") as fh:
        return _read_header(fh)[0]


def _read_header(fh: BinaryIO) -> tuple[dict[str, object], bytes]:
    magic = _read_exact(fh, len(MAGIC) + 1)
    if magic[: len(MAGIC)] != MAGIC:
        raise CryptoError("The file is not an encrypted Repat bundle.")
    if magic[-1] > ENC_VERSION:
        raise CryptoError("The file was encrypted by a newer version of Repat; install that version to open it.")
    (length,) = struct.unpack(">I", _read_exact(fh, 4))
    if length > MAX_HEADER:
        raise CryptoError("The encrypted file's header is damaged.")
    header_bytes = _read_exact(fh, length)
    try:
        header = json.loads(header_bytes)
    except ValueError as exc:
        raise CryptoError("The encrypted file's header is damaged.") from exc
    if not isinstance(header, dict):
        raise CryptoError("The encrypted file's header is damaged.")
    return header, magic + struct.pack(">I", length) + header_bytes


def decrypt_file(
    src: Path, dst: BinaryIO, *, passphrase: str | None, hq_private_b64: str | None, max_bytes: int
) -> None:
    """Decrypt ``src`` into the open file ``dst``, refusing with one sentence when it cannot."""
    with open(src, "rb") as fh:
        header, preamble = _read_header(fh)
        scheme = header.get("scheme")
        try:
            if scheme == "passphrase":
                if passphrase is None:
                    raise CryptoError("The bundle is encrypted with a passphrase; give the passphrase to import it.")
                salt = base64.b64decode(str(header["salt"]))
                n, r, p = int(str(header["n"])), int(str(header["r"])), int(str(header["p"]))
                if n > 2**20 or r > 32 or p > 16:
                    raise CryptoError("The encrypted file asks for unreasonable key-derivation settings; it was refused.")
                key = _scrypt(passphrase, salt, n, r, p)
                if not hmac.compare_digest(_check_value(key), str(header.get("check"))):
                    raise CryptoError("The passphrase is wrong; nothing was imported.")
            elif scheme == "x25519":
                if hq_private_b64 is None:
                    raise CryptoError(
                        "The bundle is encrypted for the headquarters' key, which this database does not hold."
                    )
                private = X25519PrivateKey.from_private_bytes(base64.b64decode(hq_private_b64))
                if x25519_key_id(private.public_key()) != header.get("recipient"):
                    raise CryptoError(
                        "The bundle is encrypted for another headquarters key than the one this database holds."
                    )
                eph_raw = base64.b64decode(str(header["ephemeral"]))
                key = _hkdf(private.exchange(X25519PublicKey.from_public_bytes(eph_raw)), eph_raw,
                            x25519_raw(private.public_key()))
                if not hmac.compare_digest(_check_value(key), str(header.get("check"))):
                    raise CryptoError("The encrypted file's header is damaged.")
            else:
                raise CryptoError("The file is encrypted in a way this version of Repat does not know.")
            prefix = base64.b64decode(str(header["nonce"]))
        except (KeyError, ValueError, TypeError) as exc:
            raise CryptoError("The encrypted file's header is damaged.") from exc
        if len(prefix) != 7:
            raise CryptoError("The encrypted file's header is damaged.")
        aead = AESGCM(key)
        index = 0
        total = 0
        while True:
            raw_len = fh.read(4)
            if len(raw_len) < 4:
                raise CryptoError(
                    "The encrypted file is incomplete (it may have been cut short while copying); ask for it again."
                )
            (length,) = struct.unpack(">I", raw_len)
            if length > CHUNK + 16:
                raise CryptoError("The encrypted file is damaged.")
            sealed = _read_exact(fh, length)
            plain = None
            last = False
            for flag in (False, True):
                try:
                    plain = aead.decrypt(_nonce(prefix, index, flag), sealed, preamble)
                    last = flag
                    break
                except InvalidTag:
                    continue
            if plain is None:
                raise CryptoError("The encrypted file is damaged or was altered; nothing was imported.")
            total += len(plain)
            if total > max_bytes:
                raise CryptoError("The encrypted bundle is larger than Repat accepts; it was refused.")
            dst.write(plain)
            index += 1
            if last:
                if fh.read(1):
                    raise CryptoError("The encrypted file has data after its end; it was refused.")
                return
