"""Shared pieces for the document tests: cases, a complete form, and the PDF tools read-back."""

from __future__ import annotations

import subprocess
from pathlib import Path

from app.services.cases import intake
from app.services.context import AppContext
from app.services.documents import certificate_drafts, certificate_forms
from app.services.documents.certificate_forms import CertificateForm, Party, Person
from app.services.rounds import rounds

NAMES = [
    "Шевченко Тарас Григорович",
    "John Smith",
    "Коваленко Олександра Миколаївна",
    "Marie-Louise O'Neill",
    "Їжакевич Євген Ґалаган",
]


def add_cases(
    ctx: AppContext,
    round_id: str,
    n: int,
    *,
    unit_id: str | None = None,
    prefix: str = "T",
    names: list[str] | None = None,
    effects: int = 0,
) -> list[intake.IntakeResult]:
    names = names or NAMES
    out = []
    for i in range(n):
        out.append(
            intake.record_intake(
                ctx,
                intake.IntakeData(
                    round_id=round_id,
                    sender_tag=f"{prefix}-{i + 1:03d}",
                    transport_unit_id=unit_id,
                    bag_number=str(i + 1),
                    category=["complete", "partial", "fragments", "complete"][i % 4],
                    claimed_name=names[i % len(names)],
                    effects=[
                        intake.EffectData(f"Предмет {k + 1}: годинник", "jewellery") for k in range(effects)
                    ],
                ),
            )
        )
    return out


def complete_form(kind: str = "acceptance") -> CertificateForm:
    return CertificateForm(
        kind=kind,
        place="Київська обл., КПП «Північний»",
        sending=Party(
            "Сторона А",
            [Person("Іванов Іван Іванович", "полковник", "паспорт АА123456")],
        ),
        receiving=Party(
            "Ministry of Reintegration",
            [Person("Петренко Олена", "головний спеціаліст", "ID 000123")],
            [Person("Mary Clerk", "clerk", "passport X1")],
        ),
        intermediary=Party(
            "ICRC",
            [Person("Jean Dupont", "delegate", "ICRC card 77")],
            [Person("Anna Müller", "field officer", "ICRC card 78")],
        ),
    )


def round_with_unit(officer: AppContext, code: str = "R-DOC") -> tuple[rounds.RoundSummary, str]:
    from tests.conftest import make_round

    rnd = make_round(officer, code)
    unit = rounds.add_transport_unit(
        officer, rnd.id,
        rounds.TransportUnitData("AA1234BB", seal_numbers="S-1, S-2", seal_intact=True, declared_bags=3),
    )
    return rnd, unit.id


def draft_for(ctx: AppContext, round_id: str, **scope: object) -> certificate_forms.CertificateInfo:
    return certificate_drafts.create_draft(ctx, certificate_forms.Scope(round_id, **scope), complete_form())  # type: ignore[arg-type]


# --- PDF read-back with the system tools -----------------------------------------------------


def write(tmp_path: Path, data: bytes, name: str = "doc.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *args, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def page_count(path: Path) -> int:
    out = subprocess.run(["qpdf", "--show-npages", str(path)], check=True, capture_output=True, text=True).stdout
    return int(out.strip())


def qpdf_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)


def render_page(path: Path, page: int, dpi: int = 150) -> Path:
    prefix = path.with_name(f"{path.stem}-p{page}")
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", str(page), "-l", str(page), str(path), str(prefix)],
        check=True,
    )
    return prefix.with_suffix(".png")


def zbar(png: Path) -> list[str]:
    result = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True)
    return [line for line in result.stdout.splitlines() if line]


def crop(png: Path, columns: int, rows: int, col: int, row: int) -> Path:
    """One cell of a page image split into a grid (to read one label at a time)."""
    from PIL import Image

    with Image.open(png) as image:
        w, h = image.size
        box = (col * w // columns, row * h // rows, (col + 1) * w // columns, (row + 1) * h // rows)
        out = png.with_name(f"{png.stem}-{col}-{row}.png")
        image.crop(box).save(out)
    return out


def type_text(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type like a keyboard: QTest only knows ASCII keys, so other characters are sent as key
    events carrying their text (as a Ukrainian keyboard layout does)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))
