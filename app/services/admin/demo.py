"""A demonstration database: one realistic round of ~1,200 cases, made in a few seconds.

``create_demo(db)`` works only on an empty database. It sets up the device ``DEMO`` with three
accounts and one handover round with its transport units, the sending side's list (manifest),
1,200 received cases with their personal effects, "received" custody events and the
discrepancies intake would have recorded. Everything but the accounts and the round is written
with Core bulk inserts in one transaction, each row with its first row version, exactly as the
application would have versioned it. The content is the same for the same seed.

The supervisor account ``demo`` has the password ``demo``: shorter than the application allows,
on purpose and for this one demonstration account only, so anyone can try the application.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, insert, select

from app.domain import (
    AgeGroup,
    CaseStatus,
    Category,
    ConditionFlag,
    CustodyEventType,
    DiscrepancyKind,
    EffectCategory,
    Role,
    Sex,
    normalize_tag,
    normalize_text,
)
from app.errors import ValidationError
from app.ids import uuid7
from app.persistence.db import Database
from app.persistence.models import (
    Case,
    Counter,
    CustodyEvent,
    Device,
    Discrepancy,
    LocalSetting,
    ManifestLine,
    MissingPerson,
    PersonalEffect,
    Round,
    RowVersion,
    TransportUnit,
    User,
)
from app.persistence.search import with_search_values
from app.persistence.versioning import insert_versions, stamp_rows
from app.progress import ProgressCallback, no_progress
from app.services.admin import accounts
from app.services.admin.demo_data import EFFECTS, MANIFEST_NOTES, UNITS, random_person, weighted_choice
from app.services.admin.demo_register import register_rows
from app.services.cases.intake import case_number_for
from app.services.context import AppContext, UserInfo
from app.services.rounds import rounds

DEVICE_CODE = "DEMO"
DEMO_USERNAME = "demo"
# Below accounts.MIN_PASSWORD on purpose: set directly for this one demonstration account.
DEMO_PASSWORD = "demo"
STAFF_PASSWORD = "demo-demo"  # the other demonstration accounts follow the usual rules
DEFAULT_SEED = 20260612

CASES = 1200
MANIFEST_LINES = 1210
DECLARED_TOTAL = 1212
NOT_RECEIVED = 18  # manifest lines with no bag
DUPLICATES = 2  # a second bag with a tag already received
OFF_MANIFEST_TAGS = ("MT-1301", "MT-1302", "X-17")  # tags not on the list
NO_TAG = 2
TAG_ILLEGIBLE = 1


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: Role
    full_name: str


@dataclass(frozen=True)
class DemoResult:
    round_id: str
    round_code: str
    cases: int
    manifest_lines: int
    transport_units: int
    personal_effects: int
    discrepancies: int
    accounts: tuple[DemoAccount, ...]


def is_empty(db: Database) -> bool:
    """True when the database holds no device, account, round, case or row version."""
    with db.session() as session:
        if session.get(LocalSetting, accounts.SETTING_DEVICE_CODE) is not None:
            return False
        for model in (Device, User, Round, ManifestLine, Case, RowVersion):
            if session.scalar(select(func.count()).select_from(model)):
                return False
    return True


def default_round_date(today: date | None = None) -> date:
    """Yesterday, unless that falls in last year (case numbers carry the year of intake)."""
    today = today or datetime.now(UTC).date()
    yesterday = today - timedelta(days=1)
    return yesterday if yesterday.year == today.year else today



def _setup_accounts(db: Database) -> tuple[AppContext, AppContext, tuple[DemoAccount, ...]]:
    sup = accounts.initialize(
        db,
        device_code=DEVICE_CODE,
        device_name="Демонстраційний ноутбук / Demonstration laptop",
        username=DEMO_USERNAME,
        full_name="Демо Супервайзер / Demo Supervisor",
        password=secrets.token_urlsafe(24),
    )
    # The one deliberate exception to the minimum password length: the demonstration account.
    with sup.unit_of_work() as session:
        user = session.scalar(select(User).where(User.username == DEMO_USERNAME))
        assert user is not None
        user.password_hash = accounts.hash_password(DEMO_PASSWORD)
    officer_info = accounts.create_user(
        sup, username="officer", full_name="Марина Ткачук", role=Role.FIELD_OFFICER, password=STAFF_PASSWORD
    )
    accounts.create_user(sup, username="clerk", full_name="Ігор Савчук", role=Role.CLERK, password=STAFF_PASSWORD)
    officer = AppContext(db, DEVICE_CODE)
    officer.user = UserInfo(officer_info.id, officer_info.username, officer_info.full_name, Role.FIELD_OFFICER)
    demo_accounts = (
        DemoAccount(DEMO_USERNAME, DEMO_PASSWORD, Role.SUPERVISOR, "Демо Супервайзер / Demo Supervisor"),
        DemoAccount("officer", STAFF_PASSWORD, Role.FIELD_OFFICER, "Марина Ткачук"),
        DemoAccount("clerk", STAFF_PASSWORD, Role.CLERK, "Ігор Савчук"),
    )
    return sup, officer, demo_accounts


def create_demo(
    db: Database,
    *,
    seed: int = DEFAULT_SEED,
    round_date: date | None = None,
    progress: ProgressCallback = no_progress,
) -> DemoResult:
    """Fill an empty database with the demonstration round (see the module's description)."""
    if not is_empty(db):
        raise ValidationError(
            "The demo can only be created in an empty database, and this one already holds data; "
            "give a new file with --db (e.g. repat --db demo.sqlite3 demo)."
        )
    rng = random.Random(seed)
    day = round_date or default_round_date()
    progress(0, 6, "Creating the accounts\u2026")
    sup, officer, demo_accounts = _setup_accounts(db)
    assert officer.user is not None
    officer_id = officer.user.id
    rnd = rounds.create_round(
        sup,
        rounds.RoundData(
            code=f"{day:%Y-%m-%d}-KYIV",
            round_date=day,
            place="Київська область, пункт передачі / Kyiv region, handover point",
            sending_party="Російська сторона / Russian side",
            receiving_party="Координаційний штаб / Coordination Headquarters",
            intermediary="ICRC / МКЧХ",
            agreement_ref=f"Угода № 47/{day.year} / Agreement No. 47/{day.year}",
            declared_total=DECLARED_TOTAL,
            notes="Демонстраційні дані / Demonstration data",
        ),
    )
    actor = officer.actor

    # transport units: the declared bags add up to the declared total
    declared = [DECLARED_TOTAL // len(UNITS)] * len(UNITS)
    declared[-1] += DECLARED_TOTAL - sum(declared)
    unit_rows: list[dict[str, Any]] = []
    for (label, description, seals, intact), bags in zip(UNITS, declared, strict=True):
        unit_rows.append(
            {
                "round_id": rnd.id,
                "label": label,
                "description": description,
                "seal_numbers": ", ".join(seals),
                "seal_intact": intact,
                "declared_bags": bags,
                "notes": "" if intact else f"Пломбу {seals[-1]} пошкоджено / Seal {seals[-1]} broken",
            }
        )

    # the sending side's list, in blocks per transport unit
    progress(1, 6, "Writing the manifest\u2026")
    manifest_rows: list[dict[str, Any]] = []
    line_unit: list[int] = []
    line_sex: list[Sex] = []
    bounds = [round(MANIFEST_LINES * sum(declared[: i + 1]) / DECLARED_TOTAL) for i in range(len(UNITS))]
    for n in range(1, MANIFEST_LINES + 1):
        name, birth, citizenship, sex = random_person(rng)
        category = weighted_choice(
            rng,
            [(Category.COMPLETE.value, 0.78), (Category.PARTIAL.value, 0.10), (Category.FRAGMENTS.value, 0.04),
             (Category.COMMINGLED.value, 0.01), (None, 0.07)],
        )
        manifest_rows.append(
            {
                "round_id": rnd.id,
                "line_no": n,
                "sender_tag": f"MT-{n:04d}",
                "sender_tag_norm": normalize_tag(f"MT-{n:04d}"),
                "claimed_name": name,
                "claimed_name_norm": normalize_text(name),
                "claimed_birth_date": birth,
                "claimed_citizenship": citizenship,
                "category": category,
                "notes": rng.choice(MANIFEST_NOTES) if rng.random() < 0.2 else "",
                "import_batch": None,
            }
        )
        line_unit.append(next(i for i, b in enumerate(bounds) if n <= b))
        line_sex.append(sex)

    # which bags arrived: every line but a few, two repeated tags, a few not on the list
    missing = set(rng.sample(range(MANIFEST_LINES), NOT_RECEIVED))
    received = [i for i in range(MANIFEST_LINES) if i not in missing]
    arrivals: list[tuple[int, int | None, str, list[str]]] = []  # (unit, line index, tag, forced flags)
    for i in received:
        arrivals.append((line_unit[i], i, manifest_rows[i]["sender_tag"], []))
    for i in rng.sample(received, DUPLICATES):
        arrivals.append((line_unit[i], i, manifest_rows[i]["sender_tag"], []))
    for tag in OFF_MANIFEST_TAGS:
        arrivals.append((rng.randrange(len(UNITS)), None, tag, []))
    for _ in range(NO_TAG):
        arrivals.append((rng.randrange(len(UNITS)), None, "", [ConditionFlag.NO_TAG.value]))
    for _ in range(TAG_ILLEGIBLE):
        arrivals.append((rng.randrange(len(UNITS)), None, "", [ConditionFlag.TAG_ILLEGIBLE.value]))
    assert len(arrivals) == CASES
    # unloaded trailer by trailer, in roughly list order within each
    arrivals.sort(key=lambda a: (a[0], (a[1] if a[1] is not None else MANIFEST_LINES) + rng.uniform(0, 25)))

    progress(2, 6, "Recording the cases\u2026")
    year = day.year
    clock = datetime.combine(day, time(7, 40))
    case_rows: list[dict[str, Any]] = []
    effect_rows: list[dict[str, Any]] = []
    custody_rows: list[dict[str, Any]] = []
    discrepancy_rows: list[dict[str, Any]] = []
    versions: list[dict[str, Any]] = stamp_rows(TransportUnit.__tablename__, unit_rows, actor)
    unit_ids = [u["id"] for u in unit_rows]
    versions += stamp_rows(ManifestLine.__tablename__, manifest_rows, actor)
    first_case_of_tag: dict[str, list[str]] = {}
    bag_counter = [0] * len(UNITS)
    for seq, (unit_index, line_index, tag, forced_flags) in enumerate(arrivals, start=1):
        clock += timedelta(seconds=rng.randrange(14, 40))
        bag_counter[unit_index] += 1
        number = case_number_for(DEVICE_CODE, year, seq)
        line = manifest_rows[line_index] if line_index is not None else None
        category = (line["category"] if line else None) or Category.COMPLETE.value
        if rng.random() < 0.03:  # what is in the bag is not what the list says
            category = weighted_choice(
                rng, [(Category.PARTIAL.value, 0.6), (Category.FRAGMENTS.value, 0.3), (Category.COMMINGLED.value, 0.1)]
            )
        flags = set(forced_flags)
        for flag, chance in (
            (ConditionFlag.DECOMPOSED, 0.45), (ConditionFlag.SKELETONISED, 0.10), (ConditionFlag.BURNT, 0.03),
            (ConditionFlag.MUMMIFIED, 0.01), (ConditionFlag.BAG_DAMAGED, 0.05),
            (ConditionFlag.DOCUMENTS_FOUND, 0.12),
        ):
            if rng.random() < chance:
                flags.add(flag.value)
        if ConditionFlag.SKELETONISED.value in flags:
            flags.discard(ConditionFlag.DECOMPOSED.value)
        sex = Sex.UNKNOWN
        if category == Category.COMPLETE.value and rng.random() < 0.6:
            sex = line_sex[line_index] if line_index is not None and line_sex[line_index] != Sex.UNKNOWN else Sex.MALE
        elif category != Category.COMPLETE.value and rng.random() < 0.2:
            sex = Sex.UNDETERMINED
        age = AgeGroup.UNKNOWN
        if sex in (Sex.MALE, Sex.FEMALE):
            age = weighted_choice(
                rng, [(AgeGroup.YOUNG_ADULT, 0.35), (AgeGroup.ADULT, 0.5), (AgeGroup.OLDER_ADULT, 0.05),
                      (AgeGroup.UNKNOWN, 0.10)]
            )
        claimed_name, claimed_birth, claimed_cit, source = "", "", "", ""
        if line is not None and line["claimed_name"]:
            claimed_name, claimed_birth, claimed_cit, source = (
                line["claimed_name"], line["claimed_birth_date"], line["claimed_citizenship"], "manifest"
            )
        elif line is None and ConditionFlag.DOCUMENTS_FOUND.value in flags:
            claimed_name, _birth, claimed_cit, _sex = random_person(rng)
            source = "documents" if claimed_name else ""
        case = {
            "id": uuid7(),
            "case_number": number,
            "round_id": rnd.id,
            "transport_unit_id": unit_ids[unit_index],
            "manifest_line_id": line["id"] if line else None,
            "parent_case_id": None,
            "sender_tag": tag,
            "sender_tag_norm": normalize_tag(tag),
            "off_manifest": line is None,
            "bag_number": f"{unit_index + 1}-{bag_counter[unit_index]:03d}",
            "category": category,
            "condition_flags": ",".join(sorted(flags)),
            "apparent_sex": sex.value,
            "age_group": age.value,
            "storage_location": (
                f"Камера {unit_index // 2 + 1}, стелаж {(bag_counter[unit_index] - 1) // 20 + 1:02d}, "
                f"місце {(bag_counter[unit_index] - 1) % 20 + 1:02d}"
            ),
            "status": CaseStatus.RECEIVED.value,
            "claimed_name": claimed_name,
            "claimed_name_norm": normalize_text(claimed_name),
            "claimed_birth_date": claimed_birth,
            "claimed_citizenship": claimed_cit,
            "claimed_source": source,
            "established_name": "",
            "established_name_norm": "",
            "established_birth_date": "",
            "identification_method": "",
            "identified_by": "",
            "identified_on": None,
            "notes": "",
            "received_at": clock,
            "received_by": officer_id,
            "created_at": clock,  # the record was made at intake, not when the demo was made
        }
        case_rows.append(case)
        cid = case["id"]
        count = weighted_choice(rng, [(0, 0.35), (1, 0.30), (2, 0.20), (3, 0.10), (4, 0.05)])
        for pos in range(count):
            effect_category, description = rng.choice(EFFECTS)
            effect_rows.append(
                {
                    "case_id": cid,
                    "position": pos,
                    "category": effect_category.value,
                    "description": description,
                    "quantity": 1 if effect_category != EffectCategory.CLOTHING else rng.randrange(1, 3),
                    "container_seal": f"ПЕ-{rng.randrange(10000, 99999)}" if rng.random() < 0.5 else "",
                    "attachment_id": None,
                    "created_at": clock,
                }
            )
        unit = unit_rows[unit_index]
        custody_rows.append(
            {
                "case_id": cid,
                "event_type": CustodyEventType.RECEIVED.value,
                "occurred_at": clock,
                "place": rnd.place,
                "from_party": rnd.sending_party,
                "to_party": rnd.receiving_party,
                "seals_before": unit["seal_numbers"],
                "seals_after": "",
                "witnesses": rnd.intermediary,
                "certificate_id": None,
                "recorded_by": officer_id,
                "notes": f"Received by {officer.user.full_name}",
                "created_at": clock,
            }
        )
        base = {"round_id": rnd.id, "case_id": cid, "manifest_line_id": None, "transport_unit_id": None,
                "explanation": "", "explained_by": None, "explained_at": None, "resolved": False,
                "created_at": clock}
        if line is None:
            discrepancy_rows.append(
                base | {"kind": DiscrepancyKind.RECEIVED_NOT_DECLARED.value,
                        "detail": f"Tag {tag or '(none)'} is not on the sending side's list."}
            )
        earlier = first_case_of_tag.get(case["sender_tag_norm"], []) if tag else []
        if earlier:
            discrepancy_rows.append(
                base | {"kind": DiscrepancyKind.DUPLICATE_TAG.value,
                        "detail": f"Tag {tag} also received as {', '.join(earlier)}."}
            )
        if tag:
            first_case_of_tag.setdefault(case["sender_tag_norm"], []).append(number)
        if category == Category.COMMINGLED.value:
            discrepancy_rows.append(base | {"kind": DiscrepancyKind.COMMINGLED.value, "detail": "Commingled remains."})

    versions += stamp_rows(Case.__tablename__, case_rows, actor)
    versions += stamp_rows(PersonalEffect.__tablename__, effect_rows, actor)
    versions += stamp_rows(CustodyEvent.__tablename__, custody_rows, actor)
    versions += stamp_rows(Discrepancy.__tablename__, discrepancy_rows, actor)
    person_rows = register_rows(case_rows, rng, day)
    versions += stamp_rows(MissingPerson.__tablename__, person_rows, actor)
    progress(3, 6, "Saving\u2026")
    with officer.unit_of_work() as session:
        session.execute(insert(TransportUnit), unit_rows)
        session.execute(insert(ManifestLine), manifest_rows)
        session.execute(insert(Case), with_search_values("cases", case_rows))
        progress(4, 6, "Saving\u2026")
        if effect_rows:
            session.execute(insert(PersonalEffect), effect_rows)
        session.execute(insert(CustodyEvent), custody_rows)
        if discrepancy_rows:
            session.execute(insert(Discrepancy), discrepancy_rows)
        session.execute(insert(MissingPerson), with_search_values(MissingPerson.__tablename__, person_rows))
        progress(5, 6, "Saving the history\u2026")
        insert_versions(session, versions)
        # later intake on this device continues the numbering
        session.execute(insert(Counter).values(name=f"case:{DEVICE_CODE}:{year}", value=CASES))
    progress(6, 6, "Done.")
    return DemoResult(
        round_id=rnd.id,
        round_code=rnd.code,
        cases=len(case_rows),
        manifest_lines=len(manifest_rows),
        transport_units=len(unit_rows),
        personal_effects=len(effect_rows),
        discrepancies=len(discrepancy_rows),
        accounts=demo_accounts,
    )

