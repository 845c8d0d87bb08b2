"""A round for the letter to the family liaison officers: cases at every stage, with the names,
tags and birth dates the letter must never print (``build_letter_round``), and how the tests read
the letter back (``figure_lines``, ``family_data``, ``assert_no_family_data``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from app.domain import Role
from app.persistence.models import Case, ManifestLine, Release
from app.services.cases import intake, void
from app.services.context import AppContext
from app.services.documents import certificate_drafts, certificate_issuing
from app.services.documents.certificate_forms import Scope
from app.services.forensics import examination, identification
from app.services.forensics.examination import ExaminationData, SampleData
from app.services.forensics.identification import IdentificationData, ReleaseData
from app.services.rounds import manifest, manifest_columns, manifest_file
from tests.conftest import make_round
from tests.documents.helpers import NAMES, complete_form

BIRTH_DATES = ["12.03.1991", "1987", "05.11.1979", "1990-01-04", "31.12.2001", "07.07.1969", "1975-02-28", "1999"]
EXPECTED = {"received": 7, "examined": 4, "sampled": 3, "identified": 3, "released": 2}

LABELS = {  # as the letter (and the reconciliation report) names the figures
    "received": ("Отримано (справ)", "Received (cases)"),
    "examined": ("Досліджено", "Examined"),
    "sampled": ("Відібрано зразки для ідентифікації", "Sampled for identification"),
    "identified": ("Ідентифіковано", "Identified"),
    "released": ("Видано родинам", "Released to families"),
}


@dataclass
class LetterRound:
    round_id: str
    supervisor: AppContext
    clerk: AppContext
    officer: AppContext
    case_ids: list[str] = field(default_factory=list)


def build_letter_round(contexts: dict[Role, AppContext]) -> LetterRound:
    """Round R-LETTER: the sending side's list of eight (names, birth dates), eight bags received,
    then every stage: c0..c3 examined, c4 in progress; samples from c0 (one), c1 (two) and c4
    (before its examination is completed), c5's withdrawn; c0..c2 identified (c2 from documents,
    without a sample); c0 released in the forensic record, c1 by an act of release; c7 voided,
    its sample with it. Another round's cases must not count."""
    officer, clerk, supervisor = contexts[Role.FIELD_OFFICER], contexts[Role.CLERK], contexts[Role.SUPERVISOR]
    rnd = make_round(officer, "R-LETTER", declared=9)
    rows = "\n".join(f"L-{i:03d};{NAMES[i % len(NAMES)]};{BIRTH_DATES[i]};Україна" for i in range(8))
    table = manifest_file.read_csv(f"Номер бірки;ПІБ;Дата народження;Громадянство\n{rows}\n".encode())
    manifest.import_manifest(officer, rnd.id, table, manifest_columns.auto_mapping(table.headers))
    made = LetterRound(rnd.id, supervisor, clerk, officer)
    for i in range(8):
        made.case_ids.append(intake.record_intake(officer, intake.IntakeData(
            round_id=rnd.id, sender_tag=f"L-{i:03d}", bag_number=f"BAG-{i}", claimed_name=NAMES[i % len(NAMES)],
            claimed_birth_date=BIRTH_DATES[i], claimed_citizenship="Україна",
        )).case_id)
    c = made.case_ids
    now = datetime.now().replace(microsecond=0)
    for i in range(4):
        examination.record_examination(officer, c[i], ExaminationData("completed", now, "Д-р Ковальчук"))
    examination.record_examination(officer, c[4], ExaminationData("in_progress", None, "Д-р Ковальчук"))
    examination.add_sample(officer, c[0], SampleData("bone", "LAB-1", date.today(), "Д-р К.", "ДНК-лаб"))
    examination.add_sample(officer, c[1], SampleData("tooth", "LAB-2", date.today()))
    examination.add_sample(officer, c[1], SampleData("tissue", "LAB-3", date.today()))
    examination.add_sample(officer, c[4], SampleData("blood", "LAB-4", date.today()))
    wrong = examination.add_sample(officer, c[5], SampleData("hair", "LAB-5", date.today()))
    examination.withdraw_sample(officer, wrong.samples[0].id)
    examination.add_sample(officer, c[7], SampleData("bone", "LAB-7", date.today()))
    for i, (name, birth, method) in enumerate((("Шевченко Тарас Григорович", "1991-03-12", "dna"),
                                               ("Сидоренко Павло Андрійович", "1987-06-30", "dna"),
                                               ("Коваленко Олександра Миколаївна", "1979-11-05", "documents"))):
        identification.record_identification(officer, c[i], IdentificationData(
            name, birth, "Україна", method, "Лабораторія №1", date.today()))
    identification.record_release(clerk, c[0], ReleaseData(
        "Шевченко Марія Іванівна", "мати", "паспорт МК 123456", now, "Київ"))
    act = certificate_drafts.create_draft(clerk, Scope(rnd.id, case_ids=(c[1],)), complete_form("release"))
    certificate_issuing.issue_certificate(clerk, act.id)
    void.void_case(supervisor, c[7], "Scanned into the wrong round.")
    other = make_round(officer, "R-OTHER")
    for i in range(2):
        cid = intake.record_intake(officer, intake.IntakeData(round_id=other.id, sender_tag=f"O-{i}")).case_id
        examination.add_sample(officer, cid, SampleData("bone", f"O-{i}", date.today()))
    return made


def family_data(ctx: AppContext, round_id: str) -> list[str]:
    """Every name, tag and birth date of the round's families that the records hold: claimed and
    established identities, tags and bag numbers of its cases (voided ones too), its list, and
    the recipients of the remains released."""
    with ctx.reading() as session:
        values: list[str] = []
        for row in session.execute(select(
                Case.claimed_name, Case.claimed_birth_date, Case.established_name, Case.established_birth_date,
                Case.sender_tag, Case.bag_number).where(Case.round_id == round_id)):
            values += list(row)
        for row in session.execute(select(ManifestLine.claimed_name, ManifestLine.claimed_birth_date,
                                          ManifestLine.sender_tag).where(ManifestLine.round_id == round_id)):
            values += list(row)
        for row in session.execute(select(Release.recipient_name, Release.recipient_document)
                                   .join(Case, Case.id == Release.case_id).where(Case.round_id == round_id)):
            values += list(row)
    return sorted({v for v in values if v})


def assert_no_family_data(text: str, values: list[str]) -> None:
    flat = " ".join(text.split()).casefold()
    assert len(values) > 30  # the search looks for something: names, dates, tags
    for value in values:
        assert value.casefold() not in flat, value
        for word in re.split(r"[\s,]+", value):  # a surname or a first name alone
            if len(word) >= 4 and not word.isdigit():
                assert word.casefold() not in flat, (word, value)
    for birth in BIRTH_DATES + ["1991-03-12", "1987-06-30", "1979-11-05"]:
        assert birth not in text, birth


def figure_lines(layout: str) -> dict[str, int]:
    """figure -> the count printed on the line that names it in both languages."""
    out = {}
    for key, (uk, en) in LABELS.items():
        line = next(ln for ln in layout.splitlines() if uk in ln and en in ln)
        out[key] = int(line.split(en, 1)[1].replace("\u00a0", "").split()[0])
    return out
