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


def _dev_debug(env) -> str:
    result = subprocess.run(
        [sys.executable, "-c", "import portal.settings.dev as s; print(s.DEBUG)"],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_the_demo_server_debugs_only_on_a_loopback_address():
    """`HOST=0.0.0.0 make run` served every visitor Django's debug pages."""
    assert _dev_debug({}) == "True"
    for host in ("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"):
        assert _dev_debug({"HOST": host}) == "True", host
    for host in ("0.0.0.0", "::", "192.168.1.20", "portal.example.org"):  # noqa: S104
        assert _dev_debug({"HOST": host}) == "False", host
    assert _dev_debug({"HOST": "0.0.0.0", "DEBUG": "true"}) == "True"  # noqa: S104
    assert _dev_debug({"HOST": "127.0.0.1", "DEBUG": "false"}) == "False"
