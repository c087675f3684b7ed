"""The lock files agree with pyproject.toml, with each other and with what the tests run on.

pyproject.toml says which releases are known to work (ranges); requirements.lock (the bot)
and requirements-dev.lock (the bot, its tests and linters) pin the one tested set, with
hashes, written by `bash .ci/lock`. A range changed without re-locking, a lock edited by
hand or a venv not installed from the lock fails here."""

import re
import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import NormalizedName, canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
RUNTIME_LOCK = ROOT / "requirements.lock"
DEV_LOCK = ROOT / "requirements-dev.lock"


@dataclass(frozen=True)
class Pin:
    name: NormalizedName
    version: Version
    marker: Marker | None
    hashes: int

    def applies(self, environment: dict[str, str] | None = None) -> bool:
        return self.marker is None or self.marker.evaluate(environment)


def read_lock(path: Path) -> list[Pin]:
    """uv's requirements format: `name==version [; marker] \\` then `--hash=sha256:…` lines."""
    pins: list[Pin] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("--hash=sha256:") and pins:
            last = pins[-1]
            pins[-1] = Pin(last.name, last.version, last.marker, last.hashes + 1)
        elif stripped and not stripped.startswith(("#", "-")):
            requirement = Requirement(stripped.removesuffix("\\").strip())
            [specifier] = requirement.specifier
            assert specifier.operator == "==", line
            version = Version(specifier.version)
            name = canonicalize_name(requirement.name)
            pins.append(Pin(name, version, requirement.marker, 0))
    return pins


PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def declared() -> tuple[list[Requirement], list[Requirement]]:
    runtime = [Requirement(text) for text in PROJECT["dependencies"]]
    dev = [Requirement(text) for text in PROJECT["optional-dependencies"]["dev"]]
    return runtime, dev


# the Pythons pyproject's classifiers name: the locks must hold a full set for each
PYTHONS = [
    classifier.rsplit(" ", 1)[1]
    for classifier in PROJECT["classifiers"]
    if classifier.startswith("Programming Language :: Python :: 3.")
]


def environment(python: str) -> dict[str, str]:
    return {"python_version": python, "python_full_version": f"{python}.0"}


@pytest.mark.parametrize(
    ("lock", "with_dev"), [(RUNTIME_LOCK, False), (DEV_LOCK, True)], ids=["runtime", "dev"]
)
@pytest.mark.parametrize("python", PYTHONS)
def test_every_declared_dependency_is_pinned_within_its_range(
    lock: Path, with_dev: bool, python: str
) -> None:
    runtime, dev = declared()
    pins = [pin for pin in read_lock(lock) if pin.applies(environment(python))]
    by_name: dict[str, list[Pin]] = {}
    for pin in pins:
        by_name.setdefault(pin.name, []).append(pin)
    assert all(len(found) == 1 for found in by_name.values()), by_name  # one version each
    for requirement in runtime + (dev if with_dev else []):
        name = canonicalize_name(requirement.name)
        assert name in by_name, f"{name} is declared in pyproject.toml but not in {lock.name}"
        [pin] = by_name[name]
        assert requirement.specifier.contains(pin.version, prereleases=True), (
            f"{lock.name} pins {name}=={pin.version}, outside pyproject's {requirement}"
        )


def test_every_pin_has_hashes() -> None:
    for lock in (RUNTIME_LOCK, DEV_LOCK):
        unhashed = [pin.name for pin in read_lock(lock) if pin.hashes == 0]
        assert not unhashed, f"{lock.name}: {unhashed}"


def test_the_bot_runs_on_the_versions_the_tests_run_on() -> None:
    """requirements.lock (the image, production) is requirements-dev.lock less the tools."""
    dev = {(pin.name, str(pin.marker)): pin.version for pin in read_lock(DEV_LOCK)}
    for pin in read_lock(RUNTIME_LOCK):
        assert dev.get((pin.name, str(pin.marker))) == pin.version, pin


def test_the_test_tools_stay_out_of_the_runtime_lock() -> None:
    runtime_names = {pin.name for pin in read_lock(RUNTIME_LOCK)}
    for tool in ("pytest", "pytest-asyncio", "hypothesis", "ruff", "mypy", "pypdfium2"):
        assert tool not in runtime_names


def test_this_environment_was_installed_from_the_dev_lock() -> None:
    """CI and the README install with `pip install --require-hashes -r requirements-dev.lock`:
    every package of the lock that applies here is installed at its pinned version."""
    wrong = []
    for pin in read_lock(DEV_LOCK):
        if not pin.applies():
            continue
        try:
            installed = Version(metadata.version(pin.name))
        except metadata.PackageNotFoundError:
            wrong.append(f"{pin.name} (missing, locked {pin.version})")
            continue
        if installed != pin.version:
            wrong.append(f"{pin.name} {installed} (locked {pin.version})")
    assert not wrong, "install from requirements-dev.lock (README, Quick start): " + ", ".join(
        wrong
    )


def test_the_named_pythons_are_the_ones_pyproject_admits() -> None:
    admitted = SpecifierSet(PROJECT["requires-python"])
    assert PYTHONS and all(Version(python) in admitted for python in PYTHONS)


def test_ci_runs_the_readmes_commands_which_install_from_the_locks() -> None:
    """What is checked is what a developer runs: `.ci/run` holds the README's test command
    line for line, and every setup in the README's Quick start installs from a lock."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme[readme.index("## Quick start") :].split("\n## ", 1)[0]
    blocks = [block.strip() for block in re.findall(r"```sh\n(.*?)```", quick_start, re.S)]
    [tests] = [block for block in blocks if "pytest" in block]
    install, _, run = tests.rpartition(" && ")
    assert run == ".venv/bin/pytest -q"
    assert "--require-hashes -r requirements-dev.lock" in install
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert install in ci and run in ci
    assert ci.index(install) < ci.index(run)
    [setup] = [block for block in blocks if block.endswith(".venv/bin/python -m bot")]
    assert "--require-hashes -r requirements.lock" in setup
    for block in blocks:
        for command in re.findall(r"pip install ([^&\n]*)", block):
            assert "--require-hashes -r requirements" in command or "--no-deps" in command
