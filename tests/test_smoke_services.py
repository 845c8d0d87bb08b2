from app.domain import Role
from app.services.cases import records as cases


def test_intake_roundtrip(officer, a_round):
    res = cases.record_intake(officer, cases.IntakeData(round_id=a_round.id, sender_tag="T-1", claimed_name="Шевченко Тарас"))
    page = cases.list_cases(officer, cases.CaseQuery(search="ШЕВ"))
    assert [r.case_number for r in page.rows] == [res.case_number]


def test_roles(contexts):
    assert set(contexts) == {Role.SUPERVISOR, Role.FIELD_OFFICER, Role.CLERK}
