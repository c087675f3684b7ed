"""The real process: `python -m bot` against a Bot API server on 127.0.0.1.

It chats through part of the intake, is killed with SIGKILL, starts again, and finishes:
every acknowledged answer must have survived. Then SIGTERM must stop it cleanly.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.fake_bot_api import FakeBotApi

TOKEN = "123456:TEST-token-for-e2e"
ROOT = Path(__file__).resolve().parents[2]
USER = 4242


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi(token=TOKEN, max_poll_timeout=1.0) as server:
        yield server


class BotProcess(subprocess.Popen[bytes]):
    log: Path

    def logs(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def start_bot(api: FakeBotApi, database: Path, **extra: str) -> BotProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("BOT_")} | {
        "BOT_TOKEN": TOKEN,
        "BOT_API_BASE_URL": api.base_url,
        "BOT_DATABASE": str(database),
        "BOT_LOG_LEVEL": "INFO",
        "PTB_TIMEDELTA": "true",
        **extra,
    }
    log = database.parent / f"bot-{len(list(database.parent.glob('bot-*.log')))}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as sink:
        process = BotProcess(
            [sys.executable, "-m", "bot"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    process.log = log
    return process


class Phone:
    """What a person does on a phone, and what the screen shows."""

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api

    def _replies(self) -> list[dict[str, object]]:
        # a tapped question edited into its choice ("困难原因：失业 ✓") is not a reply
        return [m for m in self.api.sent_messages(USER) if not str(m["text"]).endswith(" ✓")]

    @property
    def shown(self) -> int:
        return len(self._replies())

    def last(self) -> str:
        return str(self._replies()[-1]["text"])

    def wait_for_reply(self, before: int, timeout: float = 15.0) -> str:
        """Waits until a reply beyond the first ``before`` is shown, and returns the latest."""
        return self._expect(before, 1, timeout)

    def _expect(self, before: int, replies: int, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while self.shown < before + replies:
            if time.monotonic() > deadline:
                # let the fake API report what it saw
                self.api.wait_for_messages(USER, len(self.api.sent_messages(USER)) + 1, 0.01)
            time.sleep(0.02)
        return self.last()

    def say(self, text: str, replies: int = 1, timeout: float = 15.0) -> str:
        before = self.shown
        update_id = self.api.send_text(USER, text)
        reply = self._expect(before, replies, timeout)
        self.api.wait_until_confirmed(update_id)
        return reply

    def tap(self, label: str, replies: int = 1) -> str:
        buttons = self.api.last_buttons(USER)
        data = next((d for t, d in buttons if label in t), None)
        assert data is not None, f"no button {label!r} in {buttons}"
        message_id = self.api.last_buttons_message_id(USER)
        assert message_id is not None
        before = self.shown
        update_id = self.api.press_button(USER, data, message_id)
        reply = self._expect(before, replies)
        self.api.wait_until_confirmed(update_id)
        return reply


def stop(process: BotProcess, sig: signal.Signals) -> int:
    process.send_signal(sig)
    return process.wait(timeout=10)


def test_sigkill_mid_intake_loses_no_acknowledged_answer(api: FakeBotApi, tmp_path: Path) -> None:
    database = tmp_path / "data" / "bot.sqlite3"
    phone = Phone(api)
    first = start_bot(api, database)
    try:
        assert "还款协商助手" in phone.say("/start", timeout=30)
        assert "哪一项逾期了" in phone.tap("开始")
        phone.tap("花呗")
        assert "花呗逾期多久了" in phone.say("2.35万")
        assert "逾期日利率" in phone.say("45天")
        assert "全部待还" in phone.tap("跳过")
        assert "还有别的逾期欠款吗" in phone.tap("跳过")
        phone.tap("没有了")
        assert "持续比较久" in phone.tap("失业")
    finally:
        first.kill()  # SIGKILL: no shutdown code runs
        first.wait(timeout=10)

    second = start_bot(api, database)
    try:
        # no /start: the question the user was on is still open after the restart
        assert "每月到手的收入" in phone.tap("约3个月")
        assert "几号发工资" in phone.say("6000")
        phone.tap("15号")
        phone.say("4000")
        summary = phone.tap("没有")
        assert "花呗 23,500 元，逾期 45 天" in summary
        assert "失业（暂时的，约 3 个月）" in summary
        assert "6,000 元" in summary and "4,000 元" in summary
        plan = phone.tap("确认", replies=6)
        texts = "\n".join(m["text"] for m in api.sent_messages(USER)[-6:])
        assert "向支付宝申请分期" in texts and "不借新债还旧债" in texts
        assert plan
        script = phone.tap("花呗的通话稿", replies=5)
        texts = "\n".join(m["text"] for m in api.sent_messages(USER)[-5:])
        assert "95188" in texts and "身份证" in texts and "工号" in texts
        assert script
        assert stop(second, signal.SIGTERM) == 0
    finally:
        if second.poll() is None:
            second.kill()
            second.wait(timeout=10)
    logs = first.logs() + second.logs()
    assert TOKEN not in logs and TOKEN.split(":")[1] not in logs
    assert "23500" not in logs and "23,500" not in logs


def test_menu_worries_and_secrets_through_the_real_process(api: FakeBotApi, tmp_path: Path) -> None:
    process = start_bot(api, tmp_path / "bot.sqlite3")
    try:
        phone = Phone(api)
        phone.say("/help", timeout=30)
        assert "有机构说能帮我协商" in [label for label, _ in api.last_buttons(USER)]
        assert "协商是免费的" in phone.tap("有机构说能帮我协商")
        warning = phone.say("我的卡号 6222021234567890123")
        assert "银行卡号" in warning and "删掉了" in warning
        assert api.calls_to("deleteMessage")
        [call] = api.calls_to("setMyCommands")
        names = [c["command"] for c in call["commands"]]
        assert names[:3] == ["start", "status", "deal"]
        assert all(c["description"] for c in call["commands"])
        assert stop(process, signal.SIGTERM) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"BOT_TOKEN": ""}, "BOT_TOKEN"),
        ({"BOT_TOKEN": "not-a-token"}, "BOT_TOKEN"),
        ({"BOT_TIMEZONE": "Mars/Base"}, "BOT_TIMEZONE"),
        ({"BOT_LOG_LEVEL": "LOUD"}, "BOT_LOG_LEVEL"),
        ({"BOT_API_BASE_URL": "ftp://x"}, "BOT_API_BASE_URL"),
    ],
)
def test_bad_configuration_is_one_line_and_exit_2(
    api: FakeBotApi, tmp_path: Path, env: dict[str, str], variable: str
) -> None:
    process = start_bot(api, tmp_path / "bot.sqlite3", **env)
    process.wait(timeout=30)
    message = process.logs().strip()
    assert process.returncode == 2
    assert len(message.splitlines()) == 1 and variable in message
    assert "Traceback" not in message


def test_a_token_the_api_rejects_is_a_clear_error(api: FakeBotApi, tmp_path: Path) -> None:
    process = start_bot(api, tmp_path / "bot.sqlite3", BOT_TOKEN="999:wrong-token-value")
    process.wait(timeout=30)
    message = process.logs().strip().splitlines()[-1]
    assert process.returncode == 2
    assert "BOT_TOKEN" in message and "wrong-token-value" not in process.logs()
