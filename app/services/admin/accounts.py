"""First run, login and accounts. Passwords are hashed with argon2id."""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain import Role
from app.errors import AuthenticationError, NotFound, ValidationError
from app.ids import uuid7
from app.persistence.chain import LEGACY_PREFIX
from app.persistence.db import Database
from app.persistence.models import Device, DeviceKey, LocalSetting, RoleGrant, RowVersion, User
from app.persistence.models.accounts import role_grant_id
from app.services.context import CAN_MANAGE_ACCOUNTS, AppContext, UserInfo

_hasher = PasswordHasher()  # argon2id with the library's recommended parameters

DEVICE_CODE_RE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")
USERNAME_RE = re.compile(r"^[A-Za-z0-9._-]{2,64}$")
MIN_PASSWORD = 8

SETTING_DEVICE_ID = "device_id"
SETTING_DEVICE_CODE = "device_code"
SETTING_PRIVATE_KEY = "device_private_key"
SETTING_HEADQUARTERS = "headquarters_device_id"  # on a laptop: the installation whose grants count here


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


# --- where an account may act ---------------------------------------------------------------
#
# An account is made on one installation (the device whose chain holds its first version) and
# travels with the records it signed, not with privileges. What it may do on a database is
# decided by the installations that decide there: the database's own, and on a laptop the
# headquarters it names (``set_headquarters``). Of those, a role grant written by the
# headquarters comes first, then one written here; without a grant, an account made by one of
# them keeps the role and state of its latest version written by the installation that made it.
# An account made elsewhere has no role here until a supervisor here grants one. Only versions
# written by an installation's own chain count for it: a grant row or an account version a
# laptop made up for another installation changes nothing.


@dataclass(frozen=True)
class Access:
    role: Role | None  # None: no role on this database (it cannot log in here)
    active: bool
    made_on: str  # the code of the installation that made the account ("" when not known)
    granted_by: str = ""  # the code of the installation whose grant decides, if one does


@dataclass(frozen=True)
class AccountInfo:
    user: UserInfo  # role: as recorded where the account was made
    access: Access


def _chains(device: Device) -> tuple[str, ...]:
    return (device.id, f"{LEGACY_PREFIX}{device.code}")


def deciding_devices(session: Session) -> list[Device]:
    """The installations whose decisions on accounts count here, the headquarters first."""
    own = _own_device(session)
    found = [own] if own is not None else []
    hq_id = session.scalar(select(LocalSetting.value).where(LocalSetting.key == SETTING_HEADQUARTERS))
    hq = session.get(Device, hq_id) if hq_id and (own is None or hq_id != own.id) else None
    if hq is not None and hq.public_key and session.scalar(
        select(func.count()).select_from(DeviceKey).where(
            DeviceKey.public_key == hq.public_key, DeviceKey.status == "trusted"
        )
    ):
        found.insert(0, hq)
    return found


def _latest_snapshot(session: Session, table: str, row_id: str, chains: tuple[str, ...]) -> dict[str, object] | None:
    text_ = session.scalar(
        select(RowVersion.snapshot)
        .where(RowVersion.table_name == table, RowVersion.row_id == row_id, RowVersion.chain_id.in_(chains))
        .order_by(RowVersion.hlc.desc(), RowVersion.seq.desc())
        .limit(1)
    )
    return json.loads(text_) if text_ else None


def _maker_chain(session: Session, user_id: str) -> str | None:
    """The chain of the account's first version: the installation that made it."""
    return session.scalar(
        select(RowVersion.chain_id)
        .where(RowVersion.table_name == "users", RowVersion.row_id == user_id)
        .order_by(RowVersion.hlc, RowVersion.seq)
        .limit(1)
    )


def _own_device(session: Session) -> Device | None:
    own_id = session.scalar(select(LocalSetting.value).where(LocalSetting.key == SETTING_DEVICE_ID))
    return session.get(Device, own_id) if own_id else None


def access_of(session: Session, user: User, deciding: list[Device] | None = None) -> Access:
    """What ``user`` may do on this database (see above)."""
    deciding = deciding_devices(session) if deciding is None else deciding
    maker = _maker_chain(session, user.id)
    made_on = ""
    if maker:
        device = session.get(Device, maker)
        made_on = device.code if device else maker.removeprefix(LEGACY_PREFIX)
    grants = [
        (device, _latest_snapshot(session, "role_grants", role_grant_id(user.id, device.id), (device.id,)))
        for device in deciding
    ]
    for n, (device, grant) in enumerate(grants):
        if grant is not None and not grant.get("deleted"):
            role = Role(str(grant["role"])) if grant.get("role") else None
            # an installation after the deciding one may still deactivate the account for itself
            stopped = any(g is not None and not g.get("active") for _d, g in grants[n + 1 :])
            return Access(role, bool(grant.get("active")) and role is not None and not stopped, made_on, device.code)
    for device in deciding:
        if maker in _chains(device):
            own = _latest_snapshot(session, "users", user.id, _chains(device))
            if own is not None:
                return Access(Role(str(own["role"])), bool(own.get("active")), made_on)
    return Access(None, False, made_on)


def set_headquarters(ctx: AppContext, device_code: str) -> DeviceInfo:
    """Name the headquarters whose role grants count on this laptop (a device trusted here)."""
    ctx.require(*CAN_MANAGE_ACCOUNTS)
    code = device_code.strip().upper()
    with ctx.unit_of_work() as session:
        own_id = session.scalar(select(LocalSetting.value).where(LocalSetting.key == SETTING_DEVICE_ID))
        trusted = session.scalars(
            select(Device)
            .join(DeviceKey, DeviceKey.public_key == Device.public_key)
            .where(Device.code == code, DeviceKey.status == "trusted", Device.id != (own_id or ""))
            .order_by(Device.id)
        ).all()
        if not trusted:
            raise NotFound(
                f"There is no trusted device {code} here; import its bundle and trust it first "
                "(repat devices trust)."
            )
        if len(trusted) > 1:
            raise ValidationError(f"Two trusted devices carry the code {code}; revoke the one that is not the headquarters.")
        hq = trusted[0]
        setting = session.get(LocalSetting, SETTING_HEADQUARTERS)
        if setting is None:
            session.add(LocalSetting(key=SETTING_HEADQUARTERS, value=hq.id))
        else:
            setting.value = hq.id
        key = hq.public_key or ""
        return DeviceInfo(hq.id, hq.code, hq.name, key, fingerprint(key) if key else "")


def _find_account(session: Session, username: str, made_on: str | None) -> User:
    wanted = username.strip()
    users = session.scalars(
        select(User).where(User.username == wanted, User.deleted.is_(False)).order_by(User.created_at, User.id)
    ).all()
    if made_on:
        users = [u for u in users if access_of(session, u).made_on == made_on.strip().upper()]
    if not users:
        where = f" made on {made_on.strip().upper()}" if made_on else ""
        raise NotFound(f"There is no user {wanted}{where}.")
    if len(users) > 1:
        places = ", ".join(sorted({access_of(session, u).made_on or "?" for u in users}))
        raise ValidationError(
            f"Several accounts are called {wanted} (made on {places}); say which installation made the one you mean."
        )
    return users[0]


def _write_grant(session: Session, user: User, role: Role | None, active: bool) -> None:
    own = _own_device(session)
    if own is None:
        raise NotFound("This database has not been set up yet; run the first-run set-up (repat init).")
    own_id = own.id
    grant_id = role_grant_id(user.id, own_id)
    grant = session.get(RoleGrant, grant_id)
    if grant is None:
        session.add(RoleGrant(id=grant_id, user_id=user.id, device_id=own_id, role=role.value if role else "",
                              active=active))
    else:
        grant.role, grant.active, grant.deleted = (role.value if role else ""), active, False


def grant_role(ctx: AppContext, username: str, role: Role | str | None, *, made_on: str | None = None) -> Access:
    """Give an account a role on this database (and, from the headquarters, on the laptops that
    name it), or take its role away (``role`` None): it keeps signing what it recorded."""
    me = ctx.require(*CAN_MANAGE_ACCOUNTS)
    role_ = None if role in (None, "", "none") else Role(role)
    with ctx.unit_of_work() as session:
        user = _find_account(session, username, made_on)
        if user.id == me.id and role_ != Role.SUPERVISOR:
            raise ValidationError("You cannot take away your own supervisor role.")
        decided_by = access_of(session, user).granted_by
        own = _own_device(session)
        if decided_by and own is not None and decided_by != own.code:
            raise ValidationError(
                f"The headquarters {decided_by} decides the role of {user.username} here; ask a supervisor there."
            )
        _write_grant(session, user, role_, role_ is not None)
    with ctx.reading() as session:
        return access_of(session, session.get(User, user.id) or user)


def list_accounts(ctx: AppContext) -> list[AccountInfo]:
    """Every account held here, with what it may do here and where it was made."""
    ctx.require()
    with ctx.reading() as session:
        deciding = deciding_devices(session)
        users = session.scalars(select(User).where(User.deleted.is_(False)).order_by(User.username, User.id)).all()
        return [
            AccountInfo(UserInfo(u.id, u.username, u.full_name, Role(u.role)), access_of(session, u, deciding))
            for u in users
        ]


def login(db: Database, username: str, password: str) -> AppContext:
    """Check the password and return a context for this user on this device."""
    device = local_device(db)
    with db.session() as session:
        # The same user name may come from two laptops (imports keep both accounts): the one
        # whose password matches logs in.
        candidates = session.scalars(
            select(User).where(User.username == username.strip(), User.deleted.is_(False)).order_by(User.created_at)
        ).all()
        deciding = deciding_devices(session)
        matching = [u for u in candidates if verify_password(u.password_hash, password)]
        allowed = [(u, a) for u in matching for a in [access_of(session, u, deciding)] if a.role and a.active]
        if not allowed:
            refused = [access_of(session, u, deciding) for u in matching]
            foreign = [a for a in refused if a.role is None and a.made_on]
            if foreign:  # the right password of an account that acts elsewhere
                raise AuthenticationError(
                    f"The account {username.strip()} was made on {foreign[0].made_on} and has no role on this "
                    "installation; a supervisor here can grant one (Users, or repat users grant)."
                )
            raise AuthenticationError("Wrong user name or password.")
        user, access = allowed[0]
        assert access.role is not None
        info = UserInfo(user.id, user.username, user.full_name, access.role)
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


def set_active(ctx: AppContext, username: str, active: bool, *, made_on: str | None = None) -> None:
    me = ctx.require(*CAN_MANAGE_ACCOUNTS)
    if me.username == username and not active:
        raise ValidationError("You cannot deactivate your own account.")
    with ctx.unit_of_work() as session:
        user = _find_account(session, username, made_on)
        access = access_of(session, user)
        if access.role is None:
            if active:
                raise ValidationError(f"{username} has no role here yet; grant one instead (Users, or repat users grant).")
            return
        if access.granted_by or not _made_here(session, user):
            _write_grant(session, user, access.role, active)
        else:
            user.active = active


def _made_here(session: Session, user: User) -> bool:
    own = _own_device(session)
    return own is not None and _maker_chain(session, user.id) in _chains(own)


def change_password(
    ctx: AppContext, username: str, new_password: str, old_password: str | None = None, *, made_on: str | None = None
) -> None:
    me = ctx.require()
    if me.username != username:
        ctx.require(*CAN_MANAGE_ACCOUNTS)
    if len(new_password) < MIN_PASSWORD:
        raise ValidationError(f"The password must be at least {MIN_PASSWORD} characters long.")
    with ctx.unit_of_work() as session:
        user = _find_account(session, username, made_on)
        if me.username == username and old_password is not None and not verify_password(
            user.password_hash, old_password
        ):
            raise AuthenticationError("The current password is wrong.")
        user.password_hash = hash_password(new_password)
