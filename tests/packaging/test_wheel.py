"""The wheel as a regular install gets it: built from the project, installed in a fresh venv, and
run on the seed from a folder outside the repository, with the SQL files it carries."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("newsdesk", "flows", "transforms", "warehouse")
# What setuptools reads to build the wheel; sql/ is installed as warehouse/sql.
BUILD_INPUTS = ("pyproject.toml", "README.md", *PACKAGES, "sql")
NOT_SOURCES = shutil.ignore_patterns("__pycache__", "*.pyc", "*.duckdb*", ".newsdesk-staging-*")

pytestmark = pytest.mark.slow  # builds a wheel and a venv, and runs the seed through Prefect and the model

_INSPECT = """
import json, newsdesk, warehouse.sqlfiles as s
def walk(folder, prefix=""):
    for entry in folder.iterdir():
        if entry.is_dir():
            yield from walk(entry, prefix + entry.name + "/")
        elif entry.name.endswith(".sql"):
            yield prefix + entry.name
print(json.dumps({"newsdesk": newsdesk.__file__, "sql_root": str(s.sql_root()), "sql": sorted(walk(s.sql_root())),
                  "schema": s.files_in("schema")}))
"""


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv holding the wheel alone, reusing this venv's installed dependencies (a .pth
    file naming its site-packages) so that nothing is downloaded."""
    folder = tmp_path_factory.mktemp("wheel")
    project = folder / "project"
    for name in BUILD_INPUTS:  # built from a copy, so the build leaves nothing in the working tree
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=NOT_SOURCES)
        else:
            project.mkdir(exist_ok=True)
            shutil.copy(source, project / name)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
          "--wheel-dir", str(folder / "dist"), str(project)], folder)
    (wheel,) = (folder / "dist").glob("newsdesk-*.whl")

    venv = folder / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], folder)
    python = venv / "bin" / "python"
    site_packages = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                              folder).stdout.strip())
    (site_packages / "newsdesk_test_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n",
                                                                 encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)],
         folder)
    return venv


def _clean_environment(tmp_path: Path) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith("PREFECT_") and key not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    environment["PREFECT_HOME"] = str(tmp_path / "prefect")
    return environment


def test_the_installed_package_carries_every_sql_file_and_reads_them_from_itself(installed: Path,
                                                                                tmp_path: Path) -> None:
    found = json.loads(_run([str(installed / "bin" / "python"), "-c", _INSPECT], tmp_path,
                            _clean_environment(tmp_path)).stdout)

    site_packages = str(installed.resolve())
    assert found["newsdesk"].startswith(site_packages) and found["sql_root"].startswith(site_packages)
    assert not found["sql_root"].startswith(str(ROOT) + "/sql")
    in_repository = sorted(path.relative_to(ROOT / "sql").as_posix() for path in (ROOT / "sql").rglob("*.sql"))
    assert found["sql"] == in_repository
    assert found["schema"] and all(name.startswith("schema/") for name in found["schema"])


def test_the_wheel_holds_every_module_and_data_file_of_the_packages(installed: Path) -> None:
    site_packages = next((installed / "lib").glob("python*/site-packages"))

    def files(root: Path) -> set[str]:
        return {path.relative_to(root).as_posix() for package in PACKAGES for path in (root / package).rglob("*")
                if path.is_file() and path.suffix in {".py", ".txt", ".tsv"} and "__pycache__" not in path.parts}

    sql_package = {f"warehouse/sql/{path.name}" for path in (ROOT / "sql").glob("*.py")}  # sql/ is warehouse.sql
    assert files(site_packages) == files(ROOT) | sql_package


def test_the_installed_command_runs_the_seed_from_outside_the_repository(installed: Path, tmp_path: Path) -> None:
    seeds, db = tmp_path / "seeds", tmp_path / "w.duckdb"
    shutil.copytree(ROOT / "seeds", seeds)
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()

    _run([str(installed / "bin" / "newsdesk"), "run", str(seeds), "--db", str(db), "--processes", "1"], workdir,
         _clean_environment(tmp_path))

    with duckdb.connect(str(db), read_only=True) as con:
        documents, quotes, migrations = con.execute(
            "select (select count(*) from dim_document), (select count(*) from fact_quote), "
            "(select count(*) from etl_migration)").fetchone()
    assert documents == len(list((ROOT / "seeds").glob("*.txt"))) and quotes > 0
    assert migrations == len(list((ROOT / "sql" / "schema").glob("*.sql")))
