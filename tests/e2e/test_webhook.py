"""The webhook listener of the real process against hostile requests: the secret is checked on
the headers alone (a wrong one is answered before a byte of the body is sent), bodies are
capped, and nothing a request carries reaches the log; real updates are still answered."""

from __future__ import annotations

import json
import signal
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.webhook import MAX_BODY_BYTES
from tests.e2e.test_operations import SECRET, free_port, post
from tests.e2e.test_process import TOKEN, USER, BotProcess, start_bot, stop
from tests.support.fake_bot_api import FakeBotApi

TEN_MB = 10 * 1024 * 1024
PRIVATE = "我的工资卡被冻结了秘密文字"


class Hook:
    def __init__(self, api: FakeBotApi, process: BotProcess, port: int) -> None:
        self.api, self.process, self.port = api, process, port
        self.url = f"http://127.0.0.1:{port}/telegram"

    def rss_kib(self) -> int:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(
            next(line for line in status.splitlines() if line.startswith("VmRSS")).split()[1]
        )

    def headers_only(self, secret: str | None, length: int, chunked: bool = False) -> socket.socket:
        """Sends the request line and headers, no body yet."""
        client = socket.create_connection(("127.0.0.1", self.port), timeout=10)
        lines = ["POST /telegram HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json"]
        lines.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {length}")
        if secret is not None:
            lines.append(f"X-Telegram-Bot-Api-Secret-Token: {secret}")
        client.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        return client

    def post_raw(self, body: bytes, secret: str = SECRET) -> int:
        client = self.headers_only(secret, len(body))
        with client:
            client.sendall(body)
            return status_of(client.recv(4096))


def status_of(response: bytes) -> int:
    assert response.startswith(b"HTTP/1.1 "), response
    return int(response.split()[1])


def closed_by_peer(client: socket.socket, body: bytes) -> bool:
    """True when the server hangs up while the body is being sent."""
    try:
        for start in range(0, len(body), 64 * 1024):
            client.sendall(body[start : start + 64 * 1024])
        return client.recv(4096) == b""
    except OSError:  # reset or broken pipe: the server closed without reading it
        return True


@pytest.fixture(scope="module")
def hook(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hook]:
    with FakeBotApi(token=TOKEN, max_poll_timeout=1.0) as api:
        port = free_port()
        process = start_bot(
            api,
            tmp_path_factory.mktemp("webhook") / "bot.sqlite3",
            BOT_WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram",
            BOT_WEBHOOK_SECRET=SECRET,
            BOT_LISTEN="127.0.0.1",
            BOT_PORT=str(port),
            BOT_HEALTH_PORT=str(free_port()),
        )
        try:
            deadline = time.monotonic() + 30
            while not api.calls_to("setWebhook") and time.monotonic() < deadline:
                time.sleep(0.05)  # waiting for another process to start
            assert api.calls_to("setWebhook"), process.logs()
            yield Hook(api, process, port)
            assert stop(process, signal.SIGTERM) == 0
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
        logs = process.logs()
        assert "Traceback" not in logs and PRIVATE not in logs and SECRET not in logs


def help_update(update_id: int) -> dict[str, object]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 0,
            "chat": {"id": USER, "type": "private"},
            "from": {"id": USER, "is_bot": False, "first_name": "用户"},
            "text": "/help",
            "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
        },
    }


@pytest.mark.parametrize("secret", ["wrong-secret-value-xxxxx", None], ids=["wrong", "missing"])
def test_a_wrong_secret_is_answered_403_before_the_body_is_sent(
    hook: Hook, secret: str | None
) -> None:
    client = hook.headers_only(secret, TEN_MB)
    with client:
        assert status_of(client.recv(4096)) == 403  # not one byte of the body was sent
        assert closed_by_peer(client, b"[" * TEN_MB)


def test_ten_megabyte_bodies_with_a_wrong_secret_take_no_memory(hook: Hook) -> None:
    before = hook.rss_kib()
    started = time.monotonic()
    for _ in range(5):
        with hook.headers_only("wrong-secret-value-xxxxx", TEN_MB) as client:
            closed_by_peer(client, b"{" * TEN_MB)
    assert time.monotonic() - started < 10
    # PTB's own server buffered each body: 5 x 10 MB took its memory from 66 to 115 MB
    assert hook.rss_kib() - before < 8 * 1024


def test_a_body_over_the_cap_is_refused_413_unread_even_with_the_secret(hook: Hook) -> None:
    with hook.headers_only(SECRET, MAX_BODY_BYTES + 1) as client:
        assert status_of(client.recv(4096)) == 413
        assert closed_by_peer(client, b" " * (MAX_BODY_BYTES + 1))
    with hook.headers_only(SECRET, 0, chunked=True) as client:
        chunk = b"%x\r\n%s\r\n" % (64 * 1024, b" " * 64 * 1024)
        # no length in advance: tornado answers 400 and hangs up once the chunks pass the cap
        try:
            client.sendall(chunk * (2 * MAX_BODY_BYTES // (64 * 1024)))
            answer = client.recv(4096)
        except OSError:
            answer = b""
        assert answer in (b"", b"HTTP/1.1 400 Bad Request\r\n\r\n")


@pytest.mark.parametrize(
    "body",
    [
        b'{"update_id": 5, "message": ',  # cut short
        b"\xff\xfe not json at all",
        b"[" * 100_000,  # nested too deep for the parser
        json.dumps([PRIVATE]).encode(),
        json.dumps(PRIVATE).encode(),
        json.dumps({"text": PRIVATE}).encode(),  # an object, but no update
    ],
    ids=["truncated", "binary", "deep", "list", "string", "not-an-update"],
)
def test_what_is_not_an_update_gets_200_and_one_line_without_its_content(
    hook: Hook, body: bytes
) -> None:
    lines_before = len(hook.process.logs().splitlines())
    assert hook.post_raw(body) == 200  # 200: Telegram would retry anything else for hours
    time.sleep(0.2)  # the log line is written after the answer
    new = hook.process.logs().splitlines()[lines_before:]
    dropped = [line for line in new if "webhook: dropped" in line]
    assert len(dropped) == 1, new
    assert f"{len(body)} bytes" in dropped[0]
    assert "Traceback" not in "\n".join(new) and PRIVATE not in "\n".join(new)


def test_a_real_update_is_still_answered(hook: Hook) -> None:
    before = len(hook.api.sent_messages(USER))
    assert post(hook.url, help_update(77), SECRET) == 200
    replies = hook.api.wait_for_messages(USER, before + 1, timeout=15)
    assert "/status" in replies[-1]["text"]
