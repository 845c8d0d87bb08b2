"""First run, login, roles and accounts (on SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.domain import Role
from app.errors import AuthenticationError, NotFound, PermissionDenied, ValidationError
from app.persistence.db import Database
from app.persistence.models import Device, LocalSetting, RowVersion, User
from app.services.admin import accounts
from app.services.cases import intake, listing
from app.services.context import AppContext
from app.services.rounds import rounds
from tests.conftest import PASSWORD, make_round

WRONG_LOGIN = "Wrong user name or password."


def _stored_user(db: Database, username: str) -> User:
    with db.session() as s:
        user = s.scalar(select(User).where(User.username == username))
        assert user is not None
        return user


# --- first run --------------------------------------------------------------------------------


def test_first_run_sets_up_device_key_and_supervisor(db: Database) -> None:
    assert not accounts.is_initialized(db)
    with pytest.raises(NotFound):
        accounts.local_device(db)
    ctx = accounts.initialize(
        db, device_code=" kh01 ", device_name="Field laptop 1", username="olena",
        full_name="Олена Петренко", password=PASSWORD,
    )
    assert ctx.device_code == "KH01"
    assert ctx.user is not None and ctx.user.role is Role.SUPERVISOR
    assert accounts.is_initialized(db)
    device = accounts.local_device(db)
    assert device.code == "KH01" and device.name == "Field laptop 1"
    assert len(device.fingerprint.split()) == 8  # 32 hex digits in groups of 4
    with db.session() as s:
        assert s.get(LocalSetting, accounts.SETTING_PRIVATE_KEY) is not None
        stored = s.scalar(select(Device))
        assert stored is not None and stored.trusted and stored.public_key == device.public_key
    with pytest.raises(ValidationError, match="already set up"):
        accounts.initialize(db, device_code="KH02", device_name="", username="other",
                            full_name="Other", password=PASSWORD)


@pytest.mark.parametrize("code", ["K", "1KH", "KH-01", "TOOLONGCODE", "кх01"])
def test_first_run_refuses_bad_device_codes(db: Database, code: str) -> None:
    with pytest.raises(ValidationError) as err:
        accounts.initialize(db, device_code=code, device_name="", username="olena", full_name="O", password=PASSWORD)
    assert err.value.fields == {"device_code": "format"}
    assert not accounts.is_initialized(db)


# --- passwords and login ----------------------------------------------------------------------


def test_passwords_are_stored_as_argon2id_hashes(db: Database, contexts: dict[Role, AppContext]) -> None:
    for username in ("olena", "ivan", "clerk"):
        stored = _stored_user(db, username).password_hash
        assert stored.startswith("$argon2id$v=19$")
        assert PASSWORD not in stored
    # two users with the same password get different hashes (salted)
    assert _stored_user(db, "ivan").password_hash != _stored_user(db, "clerk").password_hash


def test_login_checks_the_password(db: Database, contexts: dict[Role, AppContext]) -> None:
    ctx = accounts.login(db, " ivan ", PASSWORD)
    assert ctx.user is not None and ctx.user.username == "ivan" and ctx.user.role is Role.FIELD_OFFICER
    assert ctx.device_code == "KH01"
    for username, password in [("ivan", "wrong horse"), ("ivan", ""), ("ivan", PASSWORD.upper()),
                               ("nobody", PASSWORD)]:
        with pytest.raises(AuthenticationError) as err:
            accounts.login(db, username, password)
        assert str(err.value) == WRONG_LOGIN  # the same sentence: no hint which part was wrong


def test_deactivated_user_cannot_log_in_until_reactivated(db: Database, supervisor: AppContext) -> None:
    accounts.set_active(supervisor, "ivan", False)
    with pytest.raises(AuthenticationError, match=WRONG_LOGIN):
        accounts.login(db, "ivan", PASSWORD)
    assert ("ivan", False) in [(u.username, active) for u, active in accounts.list_users(supervisor)]
    accounts.set_active(supervisor, "ivan", True)
    assert accounts.login(db, "ivan", PASSWORD).user is not None


def test_nobody_deactivates_their_own_account(supervisor: AppContext) -> None:
    with pytest.raises(ValidationError, match="your own account"):
        accounts.set_active(supervisor, "olena", False)


def test_change_own_password_needs_the_current_one(db: Database, officer: AppContext) -> None:
    with pytest.raises(AuthenticationError, match="current password is wrong"):
        accounts.change_password(officer, "ivan", "new password 1", old_password="not it")
    accounts.change_password(officer, "ivan", "new password 1", old_password=PASSWORD)
    with pytest.raises(AuthenticationError):
        accounts.login(db, "ivan", PASSWORD)
    assert accounts.login(db, "ivan", "new password 1").user is not None
    with pytest.raises(ValidationError, match="at least 8"):
        accounts.change_password(officer, "ivan", "short", old_password="new password 1")


def test_only_a_supervisor_sets_another_users_password(db: Database, officer: AppContext,
                                                       supervisor: AppContext) -> None:
    with pytest.raises(PermissionDenied):
        accounts.change_password(officer, "clerk", "taken over!")
    accounts.change_password(supervisor, "clerk", "reset by supervisor")
    assert accounts.login(db, "clerk", "reset by supervisor").user is not None


# --- roles ------------------------------------------------------------------------------------


def test_field_officer_and_clerk_cannot_create_users(officer: AppContext, clerk: AppContext) -> None:
    for ctx in (officer, clerk):
        with pytest.raises(PermissionDenied) as err:
            accounts.create_user(ctx, username="mallory", full_name="M", role=Role.SUPERVISOR, password=PASSWORD)
        assert "supervisor" in str(err.value)
        with pytest.raises(PermissionDenied):
            accounts.set_active(ctx, "olena", False)
    assert "mallory" not in [u.username for u, _ in accounts.list_users(officer)]


def test_supervisor_creates_users_with_checked_input(db: Database, supervisor: AppContext) -> None:
    info = accounts.create_user(supervisor, username="petro", full_name=" Петро ", role="clerk", password=PASSWORD)
    assert (info.username, info.full_name, info.role) == ("petro", "Петро", Role.CLERK)
    assert accounts.login(db, "petro", PASSWORD).user == info
    bad = [
        ({"username": "petro"}, {"username": "taken"}),
        ({"username": "п"}, {"username": "format"}),
        ({"username": "with space"}, {"username": "format"}),
        ({"password": "short"}, {"password": "short"}),
        ({"role": "admin"}, {"role": "unknown"}),
        ({"full_name": "  "}, {"full_name": "required"}),
    ]
    for override, fields in bad:
        args = {"username": "newuser", "full_name": "New", "role": Role.CLERK, "password": PASSWORD, **override}
        with pytest.raises(ValidationError) as err:
            accounts.create_user(supervisor, **args)  # type: ignore[arg-type]
        assert err.value.fields == fields, override


def test_clerk_cannot_record_intake_or_manage_rounds(clerk: AppContext, a_round: rounds.RoundSummary) -> None:
    with pytest.raises(PermissionDenied) as err:
        intake.record_intake(clerk, intake.IntakeData(round_id=a_round.id, sender_tag="T-1"))
    assert str(err.value) == "Your role (clerk) may not do this; it needs: field officer, supervisor."
    with pytest.raises(PermissionDenied):
        make_round(clerk, code="R-CLERK")
    assert listing.count_cases(clerk, listing.CaseQuery()) == 0  # but a clerk may read


def test_supervisor_and_field_officer_record_intake(supervisor: AppContext, officer: AppContext,
                                                    a_round: rounds.RoundSummary) -> None:
    a = intake.record_intake(supervisor, intake.IntakeData(round_id=a_round.id, sender_tag="T-1"))
    b = intake.record_intake(officer, intake.IntakeData(round_id=a_round.id, sender_tag="T-2"))
    assert listing.count_cases(officer, listing.CaseQuery()) == 2
    assert a.case_number != b.case_number


def test_no_user_no_service(db: Database, contexts: dict[Role, AppContext]) -> None:
    anonymous = AppContext(db, "KH01")
    with pytest.raises(PermissionDenied, match="Log in first"):
        accounts.list_users(anonymous)
    with pytest.raises(PermissionDenied, match="Log in first"):
        listing.list_cases(anonymous, listing.CaseQuery())


def test_account_changes_are_versioned_with_their_author(db: Database, supervisor: AppContext) -> None:
    info = accounts.create_user(supervisor, username="petro", full_name="Петро", role="clerk", password=PASSWORD)
    accounts.set_active(supervisor, "petro", False)
    with db.session() as s:
        versions = s.scalars(
            select(RowVersion).where(RowVersion.row_id == info.id).order_by(RowVersion.seq)
        ).all()
    assert [v.author_name for v in versions] == ["olena", "olena"]
    assert versions[1].parent_version_id == versions[0].version_id
    assert '"active":false' in versions[1].snapshot
