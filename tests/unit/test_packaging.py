"""netplan installs like a package (issue 13): the wheel carries data/ and the stylesheet, and a
non-editable install in a fresh venv runs `init --demo`, `agenda`, `people` and the coach's wording from
another folder. `init --demo` is all or nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

from netplan.cli import main
from netplan.core.errors import ValidationError
from netplan.demo import load
from tests.processes import REPO

LONG = pytest.mark.skipif(
    not os.environ.get("NETPLAN_LONG_TESTS"), reason="builds a wheel and a venv (NETPLAN_LONG_TESTS=1 in CI)"
)


def test_every_package_is_in_the_wheel_list() -> None:
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for top in ("netplan", "screens")
        for init in (REPO / top).rglob("__init__.py")
    }
    assert found <= listed, f"packages missing from pyproject.toml: {sorted(found - listed)}"


def test_init_demo_is_all_or_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data_file = tmp_path / "np.json"

    def broken(*args: object) -> None:
        raise ValidationError("events", "a broken demo section")

    monkeypatch.setattr(load, "load_demo_events", broken)  # fails half-way through the demo
    assert main(["init", "--demo", "--db", str(data_file)]) == 1
    assert not data_file.exists()  # no empty or half-filled file left behind
    capsys.readouterr()
    monkeypatch.undo()
    assert main(["init", "--demo", "--db", str(data_file)]) == 0  # so the next try works
    assert "created" in capsys.readouterr().out


def test_init_demo_without_its_data_says_so_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data_file = tmp_path / "np.json"
    monkeypatch.setattr(load, "DEMO_FILE", tmp_path / "missing" / "demo.json")  # an install without data/
    assert main(["init", "--demo", "--db", str(data_file)]) == 1
    err = capsys.readouterr().err.strip()
    assert "demo data" in err and len(err.splitlines()) == 1 and "Traceback" not in err
    assert not data_file.exists()


def _wheel(out: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), "."],
        cwd=REPO, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    [wheel] = out.glob("netplan-*.whl")
    return wheel


@LONG
def test_the_wheel_installs_and_runs_from_another_folder(tmp_path: Path) -> None:
    wheel = _wheel(tmp_path / "dist")
    names = zipfile.ZipFile(wheel).namelist()
    assert "netplan/data/demo.json" in names and "screens/netplan.tcss" in names
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    site = Path(sysconfig.get_path("purelib", vars={"base": str(venv), "platbase": str(venv)}))
    # the dependencies come from this venv's site-packages (a plain path: its editable-install hook for
    # the source tree is not run), netplan itself only from the wheel
    (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    python = str(venv / "bin" / "python")
    pip = [sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps"]
    subprocess.run([*pip, str(wheel)], check=True, capture_output=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "NETPLAN_DB": str(elsewhere / "np.json"), "PYTHONPATH": ""}
    netplan = str(venv / "bin" / "netplan")

    def run(*argv: str) -> str:
        done = subprocess.run(
            [netplan, *argv], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "with the demo data" in run("init", "--demo")
    assert "Agenda for" in run("agenda")
    assert run("people").strip()
    code = "import netplan.core.paths as p, netplan.coach.rules as r; print(p.DATA_DIR, r.wording('coach'))"
    probe = subprocess.run(
        [python, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=60
    )
    assert probe.returncode == 0, probe.stderr
    assert str(venv) in probe.stdout.splitlines()[0]  # read from the installed copy, not the source tree
