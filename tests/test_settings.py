import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _import_production(env):
    return subprocess.run(
        [sys.executable, "-c", "import portal.settings.production"],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_required_variables():
    result = _import_production({"ALLOWED_HOSTS": "example.org", "DATABASE_URL": "sqlite:///x"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_starts_with_them():
    result = _import_production(
        {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "example.org", "DATABASE_URL": "sqlite:///x"}
    )
    assert result.returncode == 0, result.stderr
