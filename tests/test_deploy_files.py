"""The deploy files say what the operator guide promises (no Docker engine here to build)."""

import configparser
import fnmatch
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from bot.config import Settings

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"


def test_every_setting_is_documented_with_a_comment_above() -> None:
    lines = (DEPLOY / "env.example").read_text(encoding="utf-8").splitlines()
    documented = {}
    for index, line in enumerate(lines):
        name = line.lstrip("# ").split("=", 1)[0]
        if name.startswith("BOT_") and "=" in line:
            documented[name] = lines[index - 1].startswith("#") and index > 0
    expected = {f"BOT_{name.upper()}" for name in Settings.model_fields}
    assert set(documented) == expected
    assert all(documented.values()), documented


def test_dockerfile_runs_unprivileged_with_a_volume_and_health_check() -> None:
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert "USER bot" in text and 'VOLUME ["/data"]' in text
    assert "HEALTHCHECK" in text and '"bot", "check"' in text
    assert 'CMD ["python", "-m", "bot"]' in text


def test_dockerfile_pins_its_base_and_installs_the_lock_before_the_code() -> None:
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    # both stages start from one base, pinned by its full version and by digest
    [image] = re.findall(r"(?m)^ARG PYTHON_IMAGE=(\S+)$", text)
    pinned = re.fullmatch(r"python:(3\.\d+)\.\d+-slim-[a-z]+@sha256:[0-9a-f]{64}", image)
    assert pinned, image
    assert re.findall(r"(?m)^FROM (\S+)", text) == ["${PYTHON_IMAGE}", "${PYTHON_IMAGE}"]
    # and runs a Python the suite runs on
    project = tomllib.loads((DEPLOY.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert (
        f"Programming Language :: Python :: {pinned.group(1)}" in project["project"]["classifiers"]
    )
    lines = [line.strip() for line in text.splitlines()]
    install_lock = next(i for i, line in enumerate(lines) if "-r requirements.lock" in line)
    assert "--require-hashes" in lines[install_lock]
    # nothing but the lock is in the build before the dependencies are installed, so a
    # change to the code reuses that layer; the code comes after, without dependencies
    copied_before = [line for line in lines[:install_lock] if line.startswith("COPY")]
    assert copied_before == ["COPY requirements.lock ./"]
    copied_after = [line for line in lines[install_lock:] if line.startswith("COPY ")]
    assert {"COPY bot ./bot", "COPY conversations ./conversations"} <= set(copied_after)
    assert any(line.endswith("--no-deps .") for line in lines[install_lock:])
    # the final image takes the dependencies' layer first, the code's on top
    assert copied_after[-2:] == [
        "COPY --from=build /deps /usr/local",
        "COPY --from=build /app /usr/local",
    ]


def test_the_operator_guide_installs_from_the_lock() -> None:
    text = (DEPLOY / "README.md").read_text(encoding="utf-8")
    installs = re.findall(r"pip install ([^`&\n]*)", text)
    assert installs, "deploy/README.md installs nothing"
    for arguments in installs:
        assert arguments.strip() in ("--require-hashes -r requirements.lock", "--no-deps ."), (
            arguments
        )


def test_compose_restarts_and_keeps_data() -> None:
    text = (DEPLOY / "compose.yaml").read_text(encoding="utf-8")
    for needed in ("restart: unless-stopped", "env_file: bot.env", "bot-data:/data"):
        assert needed in text


def test_systemd_unit_restarts_on_failure_as_its_own_user() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # keys are case-sensitive in systemd
    unit.read(DEPLOY / "huankuan-bot.service", encoding="utf-8")
    service = unit["Service"]
    assert service["Restart"] == "on-failure" and service["User"] == "huankuan"
    assert service["EnvironmentFile"].endswith("bot.env")
    assert service["ExecStart"].endswith("python -m bot")
    assert unit["Install"]["WantedBy"] == "multi-user.target"


def test_secrets_and_data_stay_out_of_commits_and_images() -> None:
    """Following deploy/README (cp env.example deploy/bot.env) leaves the token one
    `git add -A` away from a commit unless it is ignored; the image's build context is the
    repository root, so the venv, the env files and the database are kept out of it too."""

    root = DEPLOY.parent
    must_ignore = ["deploy/bot.env", ".env", "data/bot.sqlite3", "bot.sqlite3-wal", ".venv/x"]
    checked = subprocess.run(
        ["git", "check-ignore", "--no-index", *must_ignore],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert sorted(checked.stdout.split()) == sorted(must_ignore)
    patterns = [
        line.strip()
        for line in (root / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]

    def docker_ignores(path: str) -> bool:
        # .dockerignore matches from the context root (filepath.Match, ** for any depth)
        for pattern in patterns:
            bare = pattern.rstrip("/")
            parts = path.split("/")
            # a folder's pattern covers what is inside it
            heads = ["/".join(parts[: i + 1]) for i in range(len(parts))]
            if bare.startswith("**/"):  # at any depth
                bare = bare.removeprefix("**/")
                heads = [
                    "/".join(parts[i:j])
                    for i in range(len(parts))
                    for j in range(i + 1, len(parts) + 1)
                ]
            if any(fnmatch.fnmatch(head, bare) for head in heads):
                return True
        return False

    for path in (*must_ignore, "data/backups/bot-1.sqlite3", ".git/config"):
        assert docker_ignores(path), path
    for needed in (
        "requirements.lock",
        "pyproject.toml",
        "README.md",
        "bot/app.py",
        "conversations/intake/states.py",
    ):
        assert not docker_ignores(needed), needed


def test_systemd_unit_keeps_files_private_and_passes_systemds_own_checks(
    tmp_path: Path,
) -> None:

    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # keys are case-sensitive in systemd
    unit.read(DEPLOY / "huankuan-bot.service", encoding="utf-8")
    service = unit["Service"]
    assert service["UMask"] == "0077"
    assert service["StateDirectory"] == "huankuan-bot" and service["StateDirectoryMode"] == "0700"
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    # the code is not installed here: the same unit with a command that exists
    text = (DEPLOY / "huankuan-bot.service").read_text(encoding="utf-8")
    copy = tmp_path / "huankuan-bot.service"
    copy.write_text(re.sub(r"(?m)^ExecStart=.*$", "ExecStart=/bin/true", text), encoding="utf-8")
    verified = subprocess.run(
        ["systemd-analyze", "verify", str(copy)], capture_output=True, text=True, check=False
    )
    assert verified.returncode == 0, verified.stderr
    rated = subprocess.run(
        ["systemd-analyze", "security", "--offline=true", str(copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    found = re.search(r"Overall exposure level for \S+: (\d+\.\d)", rated.stdout)
    assert found is not None, rated.stdout[-300:] + rated.stderr
    assert float(found.group(1)) <= 2.0  # was 8.5 EXPOSED
