"""First run, login and accounts. Passwords are hashed with argon2id."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select

from app.domain import Role
from app.errors import AuthenticationError, NotFound, ValidationError
from app.ids import uuid7
from app.persistence.db import Database
from app.persistence.models import Device, LocalSetting, User
from app.services.context import CAN_MANAGE_ACCOUNTS, AppContext, UserInfo

_hasher = PasswordHasher()  # argon2id with the library's recommended parameters

DEVICE_CODE_RE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")
USERNAME_RE = re.compile(r"^[A-Za-z0-9._-]{2,64}$")
MIN_PASSWORD = 8

SETTING_DEVICE_ID = "device_id"
SETTING_DEVICE_CODE = "device_code"
SETTING_PRIVATE_KEY = "device_private_key"


@dataclass(frozen=True)
class DeviceInfo:
    id: str
    code: str
    name: str
    public_key: str
    fingerprint: str


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def validate_device_code(code: str) -> str:
    code = code.strip().upper()
    if not DEVICE_CODE_RE.match(code):
        raise ValidationError(
            "The device code must be 2 to 8 Latin capital letters or digits, starting with a letter (e.g. KH01).",
            {"device_code": "format"},
        )
    return code


def validate_new_user(username: str, password: str, role: Role | str) -> tuple[str, Role]:
    username = username.strip()
    if not USERNAME_RE.match(username):
        raise ValidationError(
            "The user name must be 2 to 64 Latin letters, digits, dots, dashes or underscores.",
            {"username": "format"},
        )
    if len(password) < MIN_PASSWORD:
        raise ValidationError(
            f"The password must be at least {MIN_PASSWORD} characters long.", {"password": "short"}
        )
    try:
        role = Role(role)
    except ValueError as exc:
        raise ValidationError(f"Unknown role: {role}.", {"role": "unknown"}) from exc
    return username, role


def fingerprint(public_key_b64: str) -> str:
    import hashlib

    digest = hashlib.sha256(base64.b64decode(public_key_b64)).hexdigest()[:32].upper()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def is_initialized(db: Database) -> bool:
    with db.session() as session:
        return session.get(LocalSetting, SETTING_DEVICE_CODE) is not None


def local_device(db: Database) -> DeviceInfo:
    with db.session() as session:
        setting = session.get(LocalSetting, SETTING_DEVICE_ID)
        if setting is None:
            raise NotFound("This database has not been set up yet; run the first-run set-up (repat init).")
        device = session.get(Device, setting.value)
        if device is None:
            raise NotFound("This installation's device record is missing.")
        key = device.public_key or ""
        return DeviceInfo(device.id, device.code, device.name, key, fingerprint(key) if key else "")


def initialize(
    db: Database,
    *,
    device_code: str,
    device_name: str,
    username: str,
    full_name: str,
    password: str,
) -> AppContext:
    """Set up this installation: its device (with a new Ed25519 key) and the first supervisor."""
    code = validate_device_code(device_code)
    username, role = validate_new_user(username, password, Role.SUPERVISOR)
    if not full_name.strip():
        raise ValidationError("Enter the supervisor's full name.", {"full_name": "required"})
    if is_initialized(db):
        raise ValidationError("This database is already set up.")
    key = Ed25519PrivateKey.generate()
    private_b64 = base64.b64encode(
        key.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
    ).decode()
    public_b64 = base64.b64encode(
        key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    ).decode()
    ctx = AppContext(db, code)
    with ctx.unit_of_work() as session:
        if session.scalar(select(func.count()).select_from(Device).where(Device.code == code)):
            raise ValidationError(f"A device with the code {code} already exists in this database.")
        device = Device(id=uuid7(), code=code, name=device_name.strip(), public_key=public_b64, trusted=True)
        # the settings go in with the device record: its id names the chain its versions join
        session.add_all(
            [
                LocalSetting(key=SETTING_DEVICE_ID, value=device.id),
                LocalSetting(key=SETTING_DEVICE_CODE, value=code),
                LocalSetting(key=SETTING_PRIVATE_KEY, value=private_b64),
            ]
        )
        session.add(device)
        session.flush()
        user = User(
            username=username,
            full_name=full_name.strip(),
            role=role.value,
            password_hash=hash_password(password),
        )
        session.add(user)
        session.flush()
        info = UserInfo(user.id, user.username, user.full_name, role)
    ctx.user = info
    return ctx


def login(db: Database, username: str, password: str) -> AppContext:
    """Check the password and return a context for this user on this device."""
    device = local_device(db)
    with db.session() as session:
        # The same user name may come from two laptops (imports keep both accounts): the one
        # whose password matches logs in.
        candidates = session.scalars(
            select(User).where(User.username == username.strip(), User.deleted.is_(False)).order_by(User.created_at)
        ).all()
        user = next(
            (u for u in candidates if u.active and verify_password(u.password_hash, password)), None
        )
        if user is None:
            raise AuthenticationError("Wrong user name or password.")
        info = UserInfo(user.id, user.username, user.full_name, Role(user.role))
    ctx = AppContext(db, device.code)
    ctx.user = info
    return ctx


def create_user(ctx: AppContext, *, username: str, full_name: str, role: Role | str, password: str) -> UserInfo:
    ctx.require(*CAN_MANAGE_ACCOUNTS)
    username, role_ = validate_new_user(username, password, role)
    if not full_name.strip():
        raise ValidationError("Enter the user's full name.", {"full_name": "required"})
    with ctx.unit_of_work() as session:
        if session.scalar(select(func.count()).select_from(User).where(User.username == username)):
            raise ValidationError(f"The user name {username} is taken.", {"username": "taken"})
        user = User(
            username=username, full_name=full_name.strip(), role=role_.value, password_hash=hash_password(password)
        )
        session.add(user)
        session.flush()
        return UserInfo(user.id, user.username, user.full_name, role_)


def list_users(ctx: AppContext) -> list[tuple[UserInfo, bool]]:
    ctx.require()
    with ctx.reading() as session:
        users = session.scalars(select(User).where(User.deleted.is_(False)).order_by(User.username)).all()
        return [(UserInfo(u.id, u.username, u.full_name, Role(u.role)), u.active) for u in users]


def set_active(ctx: AppContext, username: str, active: bool) -> None:
    me = ctx.require(*CAN_MANAGE_ACCOUNTS)
    if me.username == username and not active:
        raise ValidationError("You cannot deactivate your own account.")
    with ctx.unit_of_work() as session:
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            raise NotFound(f"There is no user {username}.")
        user.active = active


def change_password(ctx: AppContext, username: str, new_password: str, old_password: str | None = None) -> None:
    me = ctx.require()
    if me.username != username:
        ctx.require(*CAN_MANAGE_ACCOUNTS)
    if len(new_password) < MIN_PASSWORD:
        raise ValidationError(f"The password must be at least {MIN_PASSWORD} characters long.")
    with ctx.unit_of_work() as session:
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            raise NotFound(f"There is no user {username}.")
        if me.username == username and old_password is not None and not verify_password(
            user.password_hash, old_password
        ):
            raise AuthenticationError("The current password is wrong.")
        user.password_hash = hash_password(new_password)
