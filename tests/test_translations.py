"""Every interface string is translated: no empty or fuzzy entry in any catalog."""

import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"


@pytest.mark.parametrize("language", ["ar", "el", "it", "tr"])
@pytest.mark.iso("4.5")
def test_catalog_is_complete(language):
    msgattrib = shutil.which("msgattrib")
    assert msgattrib, "gettext is needed (apt-get install gettext)"
    catalog = LOCALE / language / "LC_MESSAGES" / "django.po"
    for flag in ("--untranslated", "--only-fuzzy"):
        found = subprocess.run(
            [msgattrib, flag, "--no-obsolete", str(catalog)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        entries = [line for line in found.splitlines() if line.startswith("msgid ")]
        assert entries in ([], ['msgid ""']), f"{language} {flag}: {entries[:10]}"
