"""Rounds with known, deliberately injected discrepancies of every kind, built through the
services (intake, manifest import, certificates, forensics), plus direct record edits where
no service may produce the fault (a custody-chain gap, a merge conflict).

``Scenario.expected`` is the test's own bookkeeping: for every round and figure, the ids of
the records the figure must count, written down as each record is made — never read back from
the database with the reconciliation's SQL.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from app.domain import Role
from app.ids import uuid7
from app.persistence.models import Case, Conflict, CustodyEvent, ProbableDuplicate
from app.persistence.versioning import utcnow
from app.services.cases import intake as case_intake
from app.services.context import AppContext
from app.services.documents import certificate_drafts, certificate_forms, certificate_issuing
from app.services.documents.certificate_forms import CertificateForm, Party, Person
from app.services.forensics import examination, identification
from app.services.reconciliation import explanations
from app.services.reconciliation.explanations import SubjectRef
from app.services.reconciliation.round_figures import DISCREPANCY_KEYS, FIGURE_KEYS
from app.services.rounds import manifest, manifest_columns, manifest_file, rounds

Ids = set[str]


def acceptance_form() -> CertificateForm:
    return CertificateForm(
        kind="acceptance",
        place="Київська обл., КПП «Північний»",
        sending=Party("Сторона А", [Person("Іванов Іван Іванович", "полковник", "паспорт АА123456")]),
        receiving=Party("Ministry of Reintegration", [Person("Петренко Олена", "спеціаліст", "ID 000123")],
                        [Person("Mary Clerk", "clerk", "passport X1")]),
        intermediary=Party("ICRC", [Person("Jean Dupont", "delegate", "ICRC card 77")],
                           [Person("Anna Müller", "field officer", "ICRC card 78")]),
    )


@dataclass
class Scenario:
    round_ids: dict[str, str]  # code -> id
    dates: dict[str, date]
    declared: dict[str, int | None]
    expected: dict[str, dict[str, Ids]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    explained: dict[str, dict[str, Ids]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    case_ids: dict[str, str] = field(default_factory=dict)  # label -> case id
    unit_ids: dict[str, str] = field(default_factory=dict)
    line_ids: dict[str, str] = field(default_factory=dict)  # tag -> manifest line id

    def count(self, code: str, key: str) -> int:
        if key == "declared_total":
            return self.declared[code] or 0
        return len(self.expected[code][key])

    def unexplained(self, code: str, key: str) -> int:
        return len(self.expected[code][key] - self.explained[code][key])

    def all_counts(self, code: str) -> dict[str, int]:
        return {k: self.count(code, k) for k in FIGURE_KEYS}


def _intake(sc: Scenario, ctx: AppContext, code: str, label: str, tag: str, *, unit: str | None = None,
            category: str = "complete", flags: list[str] | None = None, name: str = "",
            duplicate: bool = False) -> str:
    result = case_intake.record_intake(
        ctx,
        case_intake.IntakeData(
            round_id=sc.round_ids[code], sender_tag=tag, transport_unit_id=sc.unit_ids.get(unit or ""),
            category=category, condition_flags=flags or [], claimed_name=name, bag_number=label,
        ),
        confirm_duplicate=duplicate,
    )
    sc.case_ids[label] = result.case_id
    exp = sc.expected[code]
    exp["received"].add(result.case_id)
    if unit:
        exp[f"unit:{unit}"].add(result.case_id)
    return result.case_id


def build(officer: AppContext, clerk: AppContext, supervisor: AppContext) -> Scenario:
    sc = Scenario(
        round_ids={}, dates={"R-A": date(2026, 6, 1), "R-B": date(2026, 6, 15), "R-C": date(2026, 7, 1)},
        declared={"R-A": 12, "R-B": None, "R-C": 5},
    )
    for code in ("R-A", "R-B", "R-C"):
        rnd = rounds.create_round(officer, rounds.RoundData(
            code=code, round_date=sc.dates[code], place="Київська обл.", sending_party="Сторона А",
            receiving_party="Міністерство", intermediary="МКЧХ", agreement_ref="AG-17",
            declared_total=sc.declared[code],
        ))
        sc.round_ids[code] = rnd.id
    a, exp = "R-A", sc.expected["R-A"]

    # transport units: U1 declares 5 bags (4 arrive), U2 declares 4 (4 arrive) with broken seals, U3 declares none
    for label, declared, intact in (("U1", 5, True), ("U2", 4, False), ("U3", None, None)):
        unit = rounds.add_transport_unit(officer, sc.round_ids[a], rounds.TransportUnitData(
            label, seal_numbers=f"S-{label}", seal_intact=intact, declared_bags=declared))
        sc.unit_ids[label] = unit.id
    exp["bag_count_mismatch"].add(sc.unit_ids["U1"])
    exp["broken_seals"].add(sc.unit_ids["U2"])

    # the sending side's list: ten tags, three of which never arrive
    rows = "\n".join(
        f"T-{i:02d},Петренко{i} Іван Васильович,1990-01-{i:02d},Україна" for i in range(1, 11)
    )
    table = manifest_file.read_csv(f"tag,name,birth date,citizenship\n{rows}\n".encode())
    manifest.import_manifest(officer, sc.round_ids[a], table, manifest_columns.auto_mapping(table.headers))
    for line in manifest.list_manifest(officer, sc.round_ids[a]):
        sc.line_ids[line.sender_tag] = line.id
        exp["manifest_lines"].add(line.id)
        if line.sender_tag in ("T-08", "T-09", "T-10"):
            exp["declared_not_received"].add(line.id)

    for i in range(1, 8):  # T-01..T-07: c1..c4 in U1, c5..c7 in U2; c4 is commingled
        cid = _intake(sc, officer, a, f"c{i}", f"T-{i:02d}", unit="U1" if i <= 4 else "U2",
                      category="commingled" if i == 4 else "complete")
        if i == 4:
            exp["commingled"].add(cid)
    off = _intake(sc, officer, a, "off", "X-99", unit="U2")  # not on the list
    notag = _intake(sc, officer, a, "notag", "", flags=["no_tag"])  # no tag at all
    dup = _intake(sc, officer, a, "dup", " t-02 ", unit="U3", duplicate=True)  # T-02 again
    exp["received_not_declared"] |= {off, notag}
    exp["duplicate_tags"].add(dup)

    # certificates: c1..c5 on an issued act; c6, c7 on an act that was issued and then voided
    good = certificate_drafts.create_draft(
        clerk, certificate_forms.Scope(sc.round_ids[a], case_ids=tuple(sc.case_ids[f"c{i}"] for i in range(1, 6))),
        acceptance_form())
    certificate_issuing.issue_certificate(clerk, good.id)
    exp["certified"] |= {sc.case_ids[f"c{i}"] for i in range(1, 6)}
    voided = certificate_drafts.create_draft(
        clerk, certificate_forms.Scope(sc.round_ids[a], case_ids=(sc.case_ids["c6"], sc.case_ids["c7"])), acceptance_form())
    certificate_issuing.issue_certificate(clerk, voided.id)
    certificate_issuing.void_certificate(supervisor, voided.id, "Wrong cases listed.")
    certificate_drafts.create_draft(  # a draft lists cases but certifies nothing
        clerk, certificate_forms.Scope(sc.round_ids[a], case_ids=(sc.case_ids["off"],)), acceptance_form())

    # forensics: c1, c2, c3, c5 examined; c6 in progress; c1 sampled; c1..c3 identified (c2, c3 disputed);
    # c1 released
    moment = datetime.now().replace(microsecond=0)
    for label in ("c1", "c2", "c3", "c5"):
        examination.record_examination(officer, sc.case_ids[label], examination.ExaminationData(
            "completed", moment, "Д-р Ковальчук"))
        exp["examined"].add(sc.case_ids[label])
    examination.record_examination(officer, sc.case_ids["c6"], examination.ExaminationData("in_progress"))
    examination.add_sample(officer, sc.case_ids["c1"], examination.SampleData("bone", "LAB-1", date.today(), "Д-р К."))
    exp["sampled"].add(sc.case_ids["c1"])
    identities = {
        "c1": ("Іван Васильович ПЕТРЕНКО1", "1990-01-01", "UA"),  # the claim in other words: not disputed
        "c2": ("Сидоренко Павло", "1990-01-02", "Україна"),  # another name
        "c3": ("Петренко3 Іван Васильович", "1990-01-03", "Росія"),  # another citizenship
    }
    for label, (name, birth, citizenship) in identities.items():
        identification.record_identification(officer, sc.case_ids[label], identification.IdentificationData(
            name, birth, citizenship, "dna", "Лабораторія №1", date.today()))
        exp["identified"].add(sc.case_ids[label])
    exp["identity_disputed"] |= {sc.case_ids["c2"], sc.case_ids["c3"]}
    identification.record_release(clerk, sc.case_ids["c1"], identification.ReleaseData(
        "Петренко Марія", "мати", "паспорт КК000111", moment, "Київ"))
    exp["released"].add(sc.case_ids["c1"])

    # custody-chain gaps no service would make: c7 marked examined with no event; a 'returned'
    # event on the case without a tag, whose status was not changed
    with supervisor.unit_of_work() as session:
        c7 = session.get(Case, sc.case_ids["c7"])
        assert c7 is not None
        c7.status = "examined"
        session.add(CustodyEvent(case_id=notag, event_type="returned", occurred_at=utcnow(), notes="injected"))
        # and a consistent return: the off-list bag went back to the sending side, with its event
        back = session.get(Case, off)
        assert back is not None
        back.status = "returned"
        session.add(CustodyEvent(case_id=off, event_type="returned", occurred_at=utcnow(), notes="returned"))
    exp["custody_gaps"] |= {sc.case_ids["c7"], notag}
    exp["returned"].add(off)

    # merge conflicts and probable duplicates (rows app.sync derives at import)
    with supervisor.unit_of_work() as session:
        ev = session.query(CustodyEvent).filter(CustodyEvent.case_id == sc.case_ids["c3"]).first()
        assert ev is not None
        for table_name, row_id, status in (("cases", sc.case_ids["c2"], "open"), ("custody_events", ev.id, "open"),
                                           ("cases", sc.case_ids["c5"], "resolved")):
            cid = uuid7()
            session.add(Conflict(id=cid, table_name=table_name, row_id=row_id, field="bag_number",
                                 merge_version_id=uuid7(), hlc="x", candidates="[]", status=status))
            if status == "open":
                exp["open_conflicts"].add(cid)
        for status in ("open", "dismissed"):
            pid = uuid7()
            session.add(ProbableDuplicate(id=pid, table_name="cases", row_a=sc.case_ids["c2"], row_b=dup,
                                          scope_id=sc.round_ids[a], reasons="same tag", status=status,
                                          detected_at=utcnow()))
            if status == "open":
                exp["probable_duplicates"].add(pid)

    exp["declared_total_mismatch"].add(sc.round_ids[a])  # 12 declared, 10 received

    # explanations: one declared-but-not-received line, the U1 count (resolved), the round's total
    explanations.explain(officer, [SubjectRef(sc.round_ids[a], "declared_not_received", sc.line_ids["T-08"])],
                         "Тіло залишилось на іншій стороні для експертизи.")
    explanations.explain(supervisor, [SubjectRef(sc.round_ids[a], "bag_count_mismatch", sc.unit_ids["U1"])],
                         "One bag was moved to U3 at the border.", resolved=True)
    explanations.explain(supervisor, [SubjectRef(sc.round_ids[a], "declared_total_mismatch", None)],
                         "Two bodies follow in the next round.")
    sc.explained[a]["declared_not_received"].add(sc.line_ids["T-08"])
    sc.explained[a]["bag_count_mismatch"].add(sc.unit_ids["U1"])
    sc.explained[a]["declared_total_mismatch"].add(sc.round_ids[a])

    # R-B: no list, no declared total, three bags
    b = "R-B"
    for i in range(1, 4):
        cid = _intake(sc, officer, b, f"b{i}", f"B-{i}", name="Невідомий")
        sc.expected[b]["received_not_declared"].add(cid)

    # R-C: declared 5 and a list of two, nothing received yet
    c = "R-C"
    table = manifest_file.read_csv("tag,name\nC-1,Коваль Петро\nC-2,Мороз Ганна\n".encode())
    manifest.import_manifest(officer, sc.round_ids[c], table, manifest_columns.auto_mapping(table.headers))
    for line in manifest.list_manifest(officer, sc.round_ids[c]):
        sc.expected[c]["manifest_lines"].add(line.id)
        sc.expected[c]["declared_not_received"].add(line.id)
    sc.expected[c]["declared_total_mismatch"].add(sc.round_ids[c])
    return sc


def contexts_of(contexts: dict[Role, AppContext]) -> tuple[AppContext, AppContext, AppContext]:
    return contexts[Role.FIELD_OFFICER], contexts[Role.CLERK], contexts[Role.SUPERVISOR]


def expected_unexplained_total(sc: Scenario, code: str) -> int:
    return sum(sc.unexplained(code, k) for k in DISCREPANCY_KEYS)
