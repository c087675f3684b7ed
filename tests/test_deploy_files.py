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
from bot.jobs.heartbeat import HEARTBEAT_INTERVAL, HEARTBEAT_STALE

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


def test_systemd_restarts_a_bot_whose_heartbeat_stops() -> None:
    """The bot pings the watchdog from its heartbeat job; systemd's patience is the same as
    ``python -m bot check``'s."""
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str
    unit.read(DEPLOY / "huankuan-bot.service", encoding="utf-8")
    service = unit["Service"]
    assert service["Type"] == "notify" and service["NotifyAccess"] == "main"
    assert int(service["WatchdogSec"]) == HEARTBEAT_STALE.total_seconds()
    assert HEARTBEAT_INTERVAL * 3 <= HEARTBEAT_STALE


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


def read_unit(name: str) -> configparser.ConfigParser:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # keys are case-sensitive in systemd
    unit.read(DEPLOY / name, encoding="utf-8")
    return unit


def runnable_copies(folder: Path, *names: str) -> list[Path]:
    """The units with a command that exists: the code is not installed here."""
    copies = []
    for name in names:
        text = (DEPLOY / name).read_text(encoding="utf-8")
        copy = folder / name
        copy.write_text(re.sub(r"(?m)^ExecStart=.*$", "ExecStart=/bin/true", text), "utf-8")
        copies.append(copy)
    return copies


def systemd_verifies(*units: Path) -> None:
    verified = subprocess.run(
        ["systemd-analyze", "verify", *map(str, units)], capture_output=True, text=True, check=False
    )
    assert verified.returncode == 0, verified.stderr
    # an unknown key or a calendar it cannot parse is only a warning ("…, ignoring"): one
    # misspelt hardening line would go unnoticed
    warnings = [line for line in verified.stderr.splitlines() if str(units[0].parent) in line]
    assert warnings == []


def exposure(service: Path) -> float:
    rated = subprocess.run(
        ["systemd-analyze", "security", "--offline=true", str(service)],
        capture_output=True,
        text=True,
        check=False,
    )
    found = re.search(r"Overall exposure level for \S+: (\d+\.\d)", rated.stdout)
    assert found is not None, rated.stdout[-300:] + rated.stderr
    return float(found.group(1))


needs_systemd_analyze = pytest.mark.skipif(
    shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed"
)


def test_systemd_unit_keeps_files_private_and_passes_systemds_own_checks(
    tmp_path: Path,
) -> None:
    service = read_unit("huankuan-bot.service")["Service"]
    assert service["UMask"] == "0077"
    assert service["StateDirectory"] == "huankuan-bot" and service["StateDirectoryMode"] == "0700"
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    [copy] = runnable_copies(tmp_path, "huankuan-bot.service")
    systemd_verifies(copy)
    assert exposure(copy) <= 2.0  # was 8.5 EXPOSED


def test_the_backup_runs_daily_as_the_bots_user_into_a_folder_systemd_makes() -> None:
    """The old guide's /var/backups/huankuan was never created: the folder the timer's backup
    writes to must be one systemd makes for it, private, and out of the bot's own reach."""
    bot, backup = read_unit("huankuan-bot.service"), read_unit("huankuan-bot-backup.service")
    service = backup["Service"]
    assert service["Type"] == "oneshot"
    for same in ("User", "Group", "EnvironmentFile", "WorkingDirectory", "UMask"):
        assert service[same] == bot["Service"][same], same
    command = service["ExecStart"].split()
    assert command[:5] == ["/opt/huankuan-bot/.venv/bin/python", "-m", "bot", "backup", "--dir"]
    folder = Path(command[5])
    made = service["StateDirectory"].split()
    assert folder.parent == Path("/var/lib") and folder.name in made
    assert "huankuan-bot" in made  # the live folder: WAL reads take its -shm
    assert service["StateDirectoryMode"] == "0700"
    # the bot's unit sees everything but its own state folder read-only
    assert bot["Service"]["ProtectSystem"] == "strict"
    assert str(folder) not in bot["Service"]["ReadWritePaths"].split()
    assert folder.name not in bot["Service"]["StateDirectory"].split()
    timer = read_unit("huankuan-bot-backup.timer")
    assert timer["Timer"]["OnCalendar"].startswith("*-*-* 03:00")
    assert timer["Timer"]["Persistent"] == "true" and timer["Timer"]["RandomizedDelaySec"]
    assert timer["Install"]["WantedBy"] == "timers.target"
    guide = (DEPLOY / "README.md").read_text(encoding="utf-8")
    assert "enable --now huankuan-bot huankuan-bot-backup.timer" in guide
    assert f"sudo ls -l {folder}" in guide and f"BOT_DATABASE={folder}/bot-" in guide
    assert "/var/backups" not in guide


@needs_systemd_analyze
def test_the_backup_units_pass_systemds_own_checks(tmp_path: Path) -> None:
    service, timer = runnable_copies(
        tmp_path, "huankuan-bot-backup.service", "huankuan-bot-backup.timer"
    )
    systemd_verifies(service, timer)
    assert exposure(service) <= 1.0  # the main unit's hardening, and no network


def test_compose_backs_up_onto_a_volume_of_its_own() -> None:
    """The old guide's `exec bot python -m bot backup /data/backup.sqlite3` put the copy on the
    live database's own volume: lost with it."""
    text = (DEPLOY / "compose.yaml").read_text(encoding="utf-8")
    services = text.split("\nvolumes:\n")[0]
    backup = services.split("\n  backup:\n")[1]
    bot = services.split("\n  bot:\n")[1].split("\n  backup:\n")[0]
    assert "- bot-backups:/backups" in backup and "bot-backups" not in bot
    assert "python -m bot backup --dir /backups" in backup
    assert not re.search(r"(?m)^ +env_file:", backup)  # no token where it is not needed
    assert "restart: unless-stopped" in backup and "healthcheck:" in backup
    assert re.search(r"(?m)^  bot-backups:$", text.split("\nvolumes:\n")[1])
    # a new volume takes the owner and mode of the image's folder; Docker's own would be root's
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert "chown bot:bot /data /backups && chmod 700 /backups" in dockerfile
