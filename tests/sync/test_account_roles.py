"""Accounts travel with the records they signed, not with privileges: an account made on a laptop
arrives at the headquarters without a role there until a supervisor there grants one, and the
roles the headquarters grants or takes away reach the laptops that name it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain import Role
from app.errors import AuthenticationError, NotFound, ValidationError
from app.persistence.models import LocalSetting, RoleGrant, User
from app.persistence.models.accounts import role_grant_id
from app.services.admin import accounts
from app.services.cases import case_file, intake
from app.services.sync.export import export_bundle
from app.services.sync.imports import apply_import
from app.services.sync.report import STATUS_APPLIED
from tests.conftest import PASSWORD
from tests.sync.conftest import Replica, new_round


def _send(sender: Replica, receiver: Replica, path: Path) -> None:
    bundle = export_bundle(sender.sup, path).path
    result = apply_import(receiver.sup, [bundle], trust=True)
    assert [f.status for f in result.files] == [STATUS_APPLIED], result.files


def _role_on(r: Replica, username: str) -> Role | None:
    try:
        ctx = accounts.login(r.db, username, PASSWORD)
    except AuthenticationError:
        return None
    assert ctx.user is not None
    return ctx.user.role


def _access(r: Replica, username: str) -> accounts.Access:
    (found,) = [a.access for a in accounts.list_accounts(r.sup) if a.user.username == username]
    return found


def test_a_laptop_account_acts_at_the_headquarters_only_once_granted_there(
    replicas: dict[str, Replica], tmp_path: Path
) -> None:
    hq, kh = replicas["HQ01"], replicas["KH01"]
    # whoever sets up a laptop can make themselves a supervisor there...
    accounts.create_user(kh.sup, username="rogue", full_name="Self-made", role=Role.SUPERVISOR, password=PASSWORD)
    rnd = new_round(kh.officer)
    made = intake.record_intake(kh.officer, intake.IntakeData(round_id=rnd.id, sender_tag="UA-1"))
    assert _role_on(kh, "rogue") == Role.SUPERVISOR
    _send(kh, hq, tmp_path / "kh-1.repat")

    # ...and arrives at the headquarters as that laptop's account: it signs what it recorded,
    # it has no role here
    with pytest.raises(AuthenticationError, match="made on KH01 and has no role on this installation"):
        accounts.login(hq.db, "rogue", PASSWORD)
    with pytest.raises(AuthenticationError, match="Wrong user name or password"):
        accounts.login(hq.db, "rogue", "not the password")
    assert _role_on(hq, "offkh01") is None
    assert _access(hq, "rogue") == accounts.Access(None, False, "KH01")
    assert _access(hq, "suphq01") == accounts.Access(Role.SUPERVISOR, True, "HQ01")
    history = case_file.get_case(hq.sup, made.case_id).history
    assert {h.author for h in history} == {"offkh01"}  # the records keep their signature

    # a supervisor here grants the officer a role; the rogue stays without one
    assert accounts.grant_role(hq.sup, "offkh01", Role.FIELD_OFFICER) == accounts.Access(
        Role.FIELD_OFFICER, True, "KH01", "HQ01")
    assert _role_on(hq, "offkh01") == Role.FIELD_OFFICER
    officer_at_hq = accounts.login(hq.db, "offkh01", PASSWORD)
    with pytest.raises(Exception, match="(?i)supervisor"):
        accounts.grant_role(officer_at_hq, "rogue", Role.SUPERVISOR)

    # the laptop promotes its officer, and makes up a headquarters grant for its rogue: neither
    # counts at the headquarters
    accounts.grant_role(kh.sup, "offkh01", Role.SUPERVISOR)
    assert _role_on(kh, "offkh01") == Role.SUPERVISOR
    hq_device = accounts.local_device(hq.db).id
    with kh.sup.unit_of_work() as s:
        rogue_id = s.scalar(select(User.id).where(User.username == "rogue"))
        assert rogue_id is not None
        s.add(RoleGrant(id=role_grant_id(rogue_id, hq_device), user_id=rogue_id, device_id=hq_device,
                        role=Role.SUPERVISOR.value, active=True))
    _send(kh, hq, tmp_path / "kh-2.repat")
    assert _role_on(hq, "offkh01") == Role.FIELD_OFFICER
    assert _role_on(hq, "rogue") is None

    # the laptop names the headquarters (trusted here after its bundle): the roles the
    # headquarters grants and takes away now decide on the laptop too, the headquarters first
    accounts.create_user(hq.sup, username="clerk1", full_name="HQ clerk", role=Role.CLERK, password=PASSWORD)
    _send(hq, kh, tmp_path / "hq-1.repat")
    assert _role_on(kh, "clerk1") is None  # an account of the headquarters, not named yet
    assert accounts.set_headquarters(kh.sup, "hq01").code == "HQ01"
    assert _role_on(kh, "clerk1") == Role.CLERK
    assert _role_on(kh, "offkh01") == Role.FIELD_OFFICER  # the headquarters' grant comes first
    assert _role_on(kh, "rogue") == Role.SUPERVISOR  # the laptop's own, the headquarters never spoke
    assert _role_on(kh, "supkh01") == Role.SUPERVISOR

    accounts.grant_role(hq.sup, "offkh01", None)
    accounts.grant_role(hq.sup, "rogue", None)
    _send(hq, kh, tmp_path / "hq-2.repat")
    assert _role_on(kh, "offkh01") is None and _role_on(kh, "rogue") is None
    assert _role_on(hq, "offkh01") is None
    assert _access(kh, "offkh01") == accounts.Access(None, False, "KH01", "HQ01")
    with pytest.raises(ValidationError, match="The headquarters HQ01 decides the role of offkh01 here"):
        accounts.grant_role(kh.sup, "offkh01", Role.CLERK)
    # ...and back again
    accounts.grant_role(hq.sup, "offkh01", Role.FIELD_OFFICER)
    _send(hq, kh, tmp_path / "hq-3.repat")
    assert _role_on(kh, "offkh01") == Role.FIELD_OFFICER
    # the laptop may still stop the account for itself, and let it in again
    accounts.set_active(kh.sup, "offkh01", False)
    assert _role_on(kh, "offkh01") is None and _role_on(hq, "offkh01") == Role.FIELD_OFFICER
    accounts.set_active(kh.sup, "offkh01", True)
    assert _role_on(kh, "offkh01") == Role.FIELD_OFFICER


def test_naming_the_headquarters_and_granting_refuse_in_one_sentence(replicas: dict[str, Replica]) -> None:
    kh = replicas["KH01"]
    with pytest.raises(NotFound, match="no trusted device HQ01 here"):
        accounts.set_headquarters(kh.sup, "HQ01")
    with pytest.raises(NotFound, match="There is no user nobody"):
        accounts.grant_role(kh.sup, "nobody", Role.CLERK)
    with pytest.raises(ValidationError, match="cannot take away your own supervisor role"):
        accounts.grant_role(kh.sup, "supkh01", Role.CLERK)
    with kh.db.session() as s:
        assert s.get(LocalSetting, accounts.SETTING_HEADQUARTERS) is None


def test_deactivating_a_laptop_account_at_the_headquarters_stays_there(
    replicas: dict[str, Replica], tmp_path: Path
) -> None:
    hq, kh = replicas["HQ01"], replicas["KH01"]
    _send(kh, hq, tmp_path / "kh.repat")
    accounts.grant_role(hq.sup, "offkh01", Role.FIELD_OFFICER)
    accounts.set_active(hq.sup, "offkh01", False)
    assert _role_on(hq, "offkh01") is None and _access(hq, "offkh01").role == Role.FIELD_OFFICER
    accounts.set_active(hq.sup, "offkh01", True)
    assert _role_on(hq, "offkh01") == Role.FIELD_OFFICER
    with pytest.raises(ValidationError, match="no role here yet"):
        accounts.set_active(hq.sup, "supkh01", True)
    # the laptop's own supervisor is untouched on the laptop
    assert _role_on(kh, "offkh01") == Role.FIELD_OFFICER


def test_the_command_line_lists_where_accounts_act_and_grants_roles(
    replicas: dict[str, Replica], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.cli.main import main

    hq, kh = replicas["HQ01"], replicas["KH01"]
    _send(kh, hq, tmp_path / "kh.repat")
    monkeypatch.setenv("REPAT_PASSWORD", PASSWORD)
    assert main(["users", "list", "--db", str(hq.path), "--format", "json"]) == 0
    listed = {u["username"]: u for u in json.loads(capsys.readouterr().out)}
    assert listed["offkh01"]["role"] == "none" and listed["offkh01"]["made_on"] == "KH01"
    assert listed["suphq01"]["role"] == "supervisor" and listed["suphq01"]["made_on"] == "HQ01"
    assert main(["users", "grant", "offkh01", "clerk", "--db", str(hq.path), "--user", "suphq01"]) == 0
    assert "offkh01 (made on KH01) is a clerk here." in capsys.readouterr().out
    assert main(["users", "list", "--db", str(hq.path), "--format", "json"]) == 0
    listed = {u["username"]: u for u in json.loads(capsys.readouterr().out)}
    assert (listed["offkh01"]["role"], listed["offkh01"]["granted_by"]) == ("clerk", "HQ01")
    # a laptop that has not trusted the headquarters yet is told what to do first
    assert main(["devices", "headquarters", "HQ01", "--db", str(kh.path), "--user", "supkh01"]) != 0
    err = capsys.readouterr().err.strip()
    assert err.startswith("repat: There is no trusted device HQ01 here") and err.endswith(".")
    _send(hq, kh, tmp_path / "hq.repat")
    assert main(["devices", "headquarters", "HQ01", "--db", str(kh.path), "--user", "supkh01"]) == 0
    assert "HQ01" in capsys.readouterr().out
    assert _role_on(kh, "offkh01") == Role.CLERK


def test_the_users_window_grants_a_role_to_a_laptop_account(
    qtbot, replicas: dict[str, Replica], tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtCore import Qt

    from tests.ui.dialogs import when_modal

    from ui.admin.users import RoleDialog, UsersDialog

    hq, kh = replicas["HQ01"], replicas["KH01"]
    _send(kh, hq, tmp_path / "kh.repat")
    dialog = UsersDialog(hq.sup)
    qtbot.addWidget(dialog)
    dialog.show()
    rows = {a.user.username: n for n, a in enumerate(dialog.model.rows())}
    model = dialog.model
    row = rows["offkh01"]
    assert model.index(row, model.COL_ROLE).data() == "\u2014"
    assert model.index(row, model.COL_MADE_ON).data() == "KH01"
    assert model.index(row, model.COL_ACTIVE).data() == "No role here"
    assert "grants it a role" in model.index(row, model.COL_ROLE).data(Qt.ItemDataRole.ToolTipRole)
    dialog.table.selectRow(row)
    assert not dialog.toggle_button.isEnabled() and dialog.role_button.isEnabled()

    def choose(widget) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(widget, RoleDialog)
        assert "was made on KH01" in widget.explain.text()
        widget.role.setCurrentIndex(widget.role.findData(Role.CLERK.value))
        qtbot.mouseClick(widget.buttons.button(widget.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)

    handled = when_modal(choose, RoleDialog)
    qtbot.mouseClick(dialog.role_button, Qt.MouseButton.LeftButton)
    assert handled
    selected = dialog.selected()
    assert selected is not None and selected.user.username == "offkh01"
    assert model.index(dialog.table.currentIndex().row(), model.COL_ROLE).data() == "Clerk"
    assert dialog.toggle_button.isEnabled()
    assert _role_on(hq, "offkh01") == Role.CLERK
