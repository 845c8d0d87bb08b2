from app.domain import Role
from app.services.cases import intake, listing


def test_intake_roundtrip(officer, a_round):
    res = intake.record_intake(officer, intake.IntakeData(round_id=a_round.id, sender_tag="T-1", claimed_name="Шевченко Тарас"))
    page = listing.list_cases(officer, listing.CaseQuery(search="ШЕВ"))
    assert [r.case_number for r in page.rows] == [res.case_number]


def test_roles(contexts):
    assert set(contexts) == {Role.SUPERVISOR, Role.FIELD_OFFICER, Role.CLERK}
