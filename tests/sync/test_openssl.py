"""A bundle's signature checks out with standard tools, following the README's commands."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from app.services.sync.devices import this_device
from app.services.sync.export import export_bundle
from tests.sync.conftest import Replica, new_round

README = Path(__file__).resolve().parents[2] / "README.md"
TOOLS = ("openssl", "unzip", "jq", "base64", "sha256sum", "bash")


def readme_commands() -> str:
    """The shell block of the README's section on checking a signature."""
    text = README.read_text(encoding="utf-8")
    section = text.split("### Checking a bundle's signature with standard tools", 1)[1]
    match = re.search(r"```sh\n(.*?)```", section, re.S)
    assert match, "the README lost its signature-checking commands"
    return match.group(1)


@pytest.mark.skipif(any(shutil.which(t) is None for t in TOOLS), reason="needs " + ", ".join(TOOLS))
def test_openssl_verifies_a_bundle_as_the_readme_says(replicas: dict[str, Replica], tmp_path: Path) -> None:
    kh = replicas["KH01"]
    new_round(kh.officer, "R-ОПЕНССЛ")
    bundle = export_bundle(kh.officer, tmp_path / "KH01-2026-06-12.repat").path
    script = readme_commands()
    assert "openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in manifest.json -sigfile manifest.sig" in script
    work = tmp_path / "check"
    work.mkdir()
    shutil.copyfile(bundle, work / bundle.name)
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=work, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    fingerprint = this_device(kh.sup).fingerprint
    assert lines[0] == fingerprint.replace(" ", "").lower()
    assert "Signature Verified Successfully" in lines
    # the digest of the members the manifest lists is what the signature covers
    assert lines[-2].split()[0] == lines[-1]

    # a manifest changed by one byte no longer verifies
    manifest = work / "manifest.json"
    manifest.write_bytes(manifest.read_bytes().replace(b'"full":false', b'"full":true '))
    failed = subprocess.run(
        ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "key.pem", "-rawin", "-in", "manifest.json",
         "-sigfile", "manifest.sig"], cwd=work, capture_output=True, text=True, timeout=60, check=False)
    assert failed.returncode != 0
    assert "Signature Verification Failure" in failed.stdout + failed.stderr
