"""A laptop set up again under its old device code resumes its numbering above every number the
headquarters has seen from that code, so that no case or certificate number is issued twice.

The headquarters writes a *resume file* for the code (``write_resume_file``): for each year, the
highest case number and the highest certificate number it holds from that device code. On the
laptop set up again, a supervisor applies it (``apply_resume_file``): each counter moves up to
at least that value, never down. The file carries the SHA-256 of its content; a damaged file, or
one made for another device code, is refused in one sentence.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from app.domain import Role
from app.errors import ValidationError, os_reason
from app.persistence.models import Case, Certificate, Counter
from app.persistence.versioning import utcnow
from app.services.admin import accounts
from app.services.context import AppContext

FORMAT = "repat-resume"
VERSION = 1
CAN_RESUME = (Role.SUPERVISOR,)
_CODE = re.compile(r"^[A-Z0-9]{2,16}$")


@dataclass(frozen=True)
class ResumeFile:
    device_code: str
    counters: dict[str, int]  # counter name -> the highest value seen


def _digest(body: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def highest_numbers(ctx: AppContext, device_code: str) -> ResumeFile:
    """The highest case and certificate number per year this database holds from ``device_code``
    (live or void: a void number was issued too)."""
    ctx.require(*CAN_RESUME)
    code = device_code.strip().upper()
    if not _CODE.match(code):
        raise ValidationError(f"{device_code.strip()} is not a device code (2 to 16 letters and digits).")
    cases_re = re.compile(rf"^{code}-(\d{{4}})-(\d+)$")
    acts_re = re.compile(rf"^{code}-[A-Z]-(\d{{4}})-(\d+)$")
    found: dict[str, int] = {}
    with ctx.reading() as session:
        for kind, column, pattern in (("case", Case.case_number, cases_re),
                                      ("certificate", Certificate.number, acts_re)):
            for number in session.scalars(select(column).where(column.like(f"{code}-%"))):
                m = pattern.match(number or "")
                if m:
                    name = f"{kind}:{code}:{m.group(1)}"
                    found[name] = max(found.get(name, 0), int(m.group(2)))
    return ResumeFile(code, dict(sorted(found.items())))


def write_resume_file(ctx: AppContext, device_code: str, out: Path) -> ResumeFile:
    """Write the resume file for ``device_code`` to ``out`` (written whole or not at all)."""
    user = ctx.require(*CAN_RESUME)
    resume = highest_numbers(ctx, device_code)
    body = {"format": FORMAT, "version": VERSION, "device_code": resume.device_code, "counters": resume.counters,
            "made_by": user.username, "made_at": utcnow().isoformat(timespec="seconds") + "Z"}
    data = json.dumps({**body, "sha256": _digest(body)}, indent=1, ensure_ascii=False).encode()
    out = Path(out)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".resume-", dir=out.parent if str(out.parent) else ".")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, out)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise ValidationError(f"Cannot write {out}: {os_reason(exc)}; nothing was written.") from exc
    return resume


def read_resume_file(path: Path) -> ResumeFile:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ValidationError(f"Cannot read {path}: {os_reason(exc)}.") from exc
    try:
        doc = json.loads(raw)
        body = {k: v for k, v in doc.items() if k != "sha256"}
        ok = doc.get("format") == FORMAT and doc.get("sha256") == _digest(body)
    except (ValueError, AttributeError):
        ok = False
    if not ok:
        raise ValidationError(f"{Path(path).name} is not a Repat resume file, or it was damaged.")
    if doc.get("version") != VERSION:
        raise ValidationError(f"{Path(path).name} was made by a newer version of Repat; update Repat here first.")
    counters = doc.get("counters") or {}
    if not all(isinstance(k, str) and type(v) is int and v >= 0 for k, v in counters.items()):
        raise ValidationError(f"{Path(path).name} is not a Repat resume file, or it was damaged.")
    return ResumeFile(str(doc["device_code"]), dict(counters))


def apply_resume_file(ctx: AppContext, path: Path) -> dict[str, tuple[int, int]]:
    """Move this installation's counters up to the file's values. Returns, per counter that moved,
    (before, after)."""
    ctx.require(*CAN_RESUME)
    resume = read_resume_file(path)
    here = accounts.local_device(ctx.db).code
    if resume.device_code != here:
        raise ValidationError(
            f"{Path(path).name} was made for device {resume.device_code}; this laptop is {here}."
        )
    moved: dict[str, tuple[int, int]] = {}
    with ctx.unit_of_work() as session:
        for name, value in sorted(resume.counters.items()):
            if name.split(":")[1:2] != [here]:
                continue
            current = session.scalar(select(Counter.value).where(Counter.name == name))
            if current is None:
                session.add(Counter(name=name, value=value))
                moved[name] = (0, value)
            elif current < value:
                session.execute(update(Counter).where(Counter.name == name).values(value=value))
                moved[name] = (current, value)
    return moved
