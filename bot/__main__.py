"""``python -m bot``: polling by default, webhook when BOT_WEBHOOK_URL is set.

``--console`` chats in the terminal instead; ``check`` is the health check; ``backup FILE``
and ``backup --dir DIR [--keep N]`` make verified copies of the live database (the second
dated and rotated); ``outcomes`` prints how deals ended (counts only).

A start that cannot succeed ends with one line naming the cause and what to do, never a
traceback, and leaves the database as it was. Exit status:

- 2: configuration or environment that a restart will not fix (a variable, a token the Bot
  API rejects, a database that is damaged, read-only, locked or newer than the code, a port
  already in use); systemd's ``RestartPreventExitStatus=2`` stops there;
- 1: the Bot API failed after a few tries at a later step (deleteWebhook), or refused a call
  otherwise: transient, so systemd's ``Restart=on-failure`` tries again.

A Bot API that is down at start-up (getMe, setWebhook) is waited for, with a WARNING line a
try, until it answers or the bot is stopped.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import errno
import gc
import itertools
import logging
import platform
import signal
import sqlite3
import sys
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

import telegram
from telegram.error import Conflict, InvalidToken, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application

from bot import operations
from bot.app import ALLOWED_UPDATES, build_application
from bot.backup.rotation import DEFAULT_KEEP
from bot.config import ConfigError, Settings, load_settings, unknown_variables
from bot.health import HealthServer
from bot.inbox import inbox_of
from bot.logging_setup import setup_logging
from bot.services import HEALTH_KEY, Services, services
from bot.storage.db import DatabaseUnusable
from bot.systemd_notify import notify
from bot.webhook import WebhookListener

EXIT_OK = 0
EXIT_UNAVAILABLE = 1
EXIT_CONFIG = 2
# the Bot API is asked at most len + 1 times at start-up, these many seconds apart (~7 s);
# getMe and setWebhook go on after them, twice as long each time up to STARTUP_RETRY_MAX
STARTUP_RETRY_DELAYS = (1.0, 2.0, 4.0)
STARTUP_RETRY_MAX = 30.0
STARTUP_SLACK = 30.0  # seconds added to each wait for systemd's start time-out
# a repeated polling error (e.g. 409 Conflict every few seconds) is logged once per this
POLLING_WARNING_INTERVAL = 60.0
log = logging.getLogger("bot")
T = TypeVar("T")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot", description="还款协商助手 Telegram bot")
    parser.add_argument(
        "--console", action="store_true", help="chat in this terminal instead of Telegram"
    )
    parser.add_argument(
        "command",
        nargs="?",
        default="run",
        choices=["run", "check", "backup", "outcomes"],
        help="run the bot (default), check its health, back up its database, or count outcomes",
    )
    parser.add_argument("file", nargs="?", type=Path, help="backup: the file to write the copy to")
    parser.add_argument(
        "--dir",
        type=Path,
        dest="folder",
        metavar="DIR",
        help="backup: write a dated copy (bot-YYYYMMDD-HHMMSSZ.sqlite3, UTC) into DIR instead, "
        "and remove the oldest of the bot's backups there beyond --keep",
    )
    parser.add_argument(
        "--keep",
        type=_count,
        metavar="N",
        help=f"with --dir: how many backups to keep, the new one included (default {DEFAULT_KEEP})",
    )
    # intermixed: "backup --keep 3 FILE" reaches FILE, which parse_args would call unrecognised
    args = parser.parse_intermixed_args(argv)
    if args.command == "backup":
        if (args.file is None) == (args.folder is None):
            parser.error(
                "backup needs a FILE or --dir DIR (not both), e.g. "
                "python -m bot backup --dir backups"
            )
        if args.keep is not None and args.folder is None:
            parser.error("--keep goes with --dir: only a folder of dated backups is rotated")
    elif args.folder is not None or args.keep is not None:
        parser.error("--dir and --keep go with backup")
    return args


def _count(text: str) -> int:
    """--keep: a whole number of at least 1 (the new backup itself is always kept)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"should be a whole number of at least 1, not {text!r}")
    return value


def describe(error: BaseException) -> str:
    """``Conflict: terminated by …``, ``NetworkError: httpx.ConnectError: …``: one line."""
    name, text = type(error).__name__, " ".join(str(error).split())
    return text if text.startswith(name) else f"{name}: {text}"


class StartupFailed(Exception):
    """Start-up cannot succeed: ``str()`` is the one line for the operator."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class OneLineTelegramErrors(logging.Filter):
    """PTB logs some Bot API errors with a traceback (a failed bootstrap, the last getUpdates
    at shutdown): the error's own text says everything, so it becomes part of the line."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if record.name.startswith("telegram") and isinstance(error, TelegramError):
            record.msg = f"{record.getMessage()} ({describe(error)})"
            record.args = None
            record.exc_info = record.exc_text = None
        return True


class PollingErrors:
    """``error_callback`` of ``Updater.start_polling``: PTB retries every error with backoff;
    this logs one line per kind of error, at most once per ``interval``, without traceback."""

    def __init__(
        self,
        interval: float = POLLING_WARNING_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.interval, self.clock = interval, clock
        self._last: dict[str, float] = {}

    def __call__(self, error: TelegramError) -> None:
        if isinstance(error, Conflict):
            kind = "conflict"
            text = "another instance is polling this token; stop it (%s)"
        elif isinstance(error, NetworkError):
            kind = "network"
            text = "polling: the Bot API cannot be reached, retrying (%s)"
        else:
            kind = type(error).__name__
            text = "polling failed, retrying (%s)"
        now = self.clock()
        last = self._last.get(kind)
        if last is not None and now - last < self.interval:
            return
        self._last[kind] = now
        log.warning(text, describe(error))


async def call_bot_api(
    what: str,
    call: Callable[[], Awaitable[T]],
    *,
    retry: bool = True,
    until_answered: bool = False,
    pause: Callable[[float], Awaitable[object]] = asyncio.sleep,
) -> T:
    """Start-up calls to the Bot API: a network error or a 5xx (NetworkError), or a 429, is
    tried again after 1, 2 and 4 s; a rejected token and anything else fail at once, each as
    StartupFailed. ``retry=False`` when ``call`` already tries again by itself.

    ``until_answered`` (getMe, setWebhook): the Bot API down at start-up is waited for, however
    long, one WARNING line a try (its number, the error, the next try in 1, 2, 4 … up to 30
    s); a stop signal cancels the wait (``Runner._unless_stopped``), a rejected token still
    fails at once. The request layer has already tried each call a few times within about
    2 s (``retrying_request``), so these lines are real outages.
    """
    delays: Iterator[float] = (
        iter(_waits_until_answered())
        if until_answered
        else iter(STARTUP_RETRY_DELAYS if retry else ())
    )
    for attempt in itertools.count(1):
        try:
            return await call()
        except InvalidToken:
            raise StartupFailed(
                "BOT_TOKEN was rejected by the Bot API: copy the current token from @BotFather",
                EXIT_CONFIG,
            ) from None
        except (NetworkError, RetryAfter) as error:
            cause = describe(error)
            delay = next(delays, None)
            if delay is None:
                raise StartupFailed(
                    f"the Bot API at BOT_API_BASE_URL is unreachable or failing ({what}: {cause}): "
                    "check the network and BOT_API_BASE_URL, then start again",
                    EXIT_UNAVAILABLE,
                ) from None
            if isinstance(error, RetryAfter):
                asked = error.retry_after  # an int, or a timedelta with PTB_TIMEDELTA set
                seconds = asked.total_seconds() if isinstance(asked, dt.timedelta) else asked
                delay = max(delay, float(seconds))
            if until_answered:
                log.warning(
                    "%s failed (attempt %d: %s); the Bot API is waited for, next try in %g s",
                    what,
                    attempt,
                    cause,
                    delay,
                )
                # systemd's start time-out must not end the wait: a little longer each try
                notify(f"EXTEND_TIMEOUT_USEC={int((delay + STARTUP_SLACK) * 1_000_000)}")
            else:
                log.warning("%s failed (%s); trying again in %g s", what, cause, delay)
            await pause(delay)
        except TelegramError as error:
            raise StartupFailed(
                f"the Bot API refused {what} ({describe(error)})", EXIT_UNAVAILABLE
            ) from None
    raise AssertionError("unreachable")


def _waits_until_answered() -> Iterator[float]:
    """1, 2, 4, 8, 16, then 30 s for ever."""
    for delay in STARTUP_RETRY_DELAYS:
        yield delay
    delay = STARTUP_RETRY_DELAYS[-1]
    while True:
        delay = min(delay * 2, STARTUP_RETRY_MAX)
        yield delay


def _port_failure(variable: str, listen: str, port: int, error: OSError) -> StartupFailed:
    if error.errno == errno.EADDRINUSE:
        cause = "is already in use: stop what listens there, or choose another port"
    elif error.errno == errno.EACCES:
        cause = "may not be opened by this user: choose a port above 1023"
    else:
        cause = f"cannot be opened ({error.strerror}): check BOT_LISTEN and {variable}"
    return StartupFailed(f"{variable} {port} on {listen} {cause}", EXIT_CONFIG)


def freeze_start_up_heap() -> None:
    """Keeps what start-up made (modules, PTB, the handlers: about 78,000 objects) out of the
    garbage collector's full collections, which would walk it all each time: 35–40 ms with
    the loop stopped, every few thousand answers (bench/README.md). What start-up left as
    garbage is collected first; a frozen object no longer used is still freed by its
    reference count (only a cycle among frozen objects would stay: start-up leaves none)."""
    gc.collect()
    gc.freeze()


class Runner:
    """What ``Application.run_polling``/``run_webhook`` do, in an order that fails early and
    cleanly: the database is checked (read-only), the token is tried, the ports are bound,
    and only then is the database migrated and the bot started."""

    def __init__(self, application: Application, settings: Settings) -> None:
        self.application, self.settings = application, settings
        self.services: Services = services(application)
        self.webhook: WebhookListener | None = None

    async def run(self) -> int:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        try:
            if await self._unless_stopped(self._start(), stop):
                notify("READY=1")  # systemd's Type=notify: started, the watchdog counts now
                await stop.wait()
            notify("STOPPING=1")
            log.info("stopping")
            return EXIT_OK
        except StartupFailed as failure:
            log.critical("cannot start: %s", failure)
            return failure.exit_code
        finally:
            await self._stop()

    @staticmethod
    async def _unless_stopped(start: Coroutine[Any, Any, None], stop: asyncio.Event) -> bool:
        """Runs ``start``; a stop signal meanwhile cancels it (False)."""
        task = asyncio.ensure_future(start)
        stopped = asyncio.ensure_future(stop.wait())
        await asyncio.wait({task, stopped}, return_when=asyncio.FIRST_COMPLETED)
        stopped.cancel()
        if not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            return False
        task.result()
        return True

    async def _start(self) -> None:
        application, settings = self.application, self.settings
        database = self.services.database
        try:
            await database.check()  # before anything else, and without changing it
        except DatabaseUnusable as error:
            raise StartupFailed(str(error), EXIT_CONFIG) from None
        await call_bot_api("getMe", application.bot.initialize, until_answered=True)
        if settings.webhook_url:
            await self._listen()
        try:
            await database.connection()  # migrates
        except DatabaseUnusable as error:
            raise StartupFailed(str(error), EXIT_CONFIG) from None
        await application.initialize()
        assert application.post_init is not None
        await application.post_init(application)
        if self.webhook is not None:
            assert settings.webhook_url is not None and settings.webhook_secret is not None
            secret = settings.webhook_secret.get_secret_value()
            url = settings.webhook_url
            await call_bot_api(
                "setWebhook",
                lambda: application.bot.set_webhook(
                    url=url, secret_token=secret, allowed_updates=list(ALLOWED_UPDATES)
                ),
                until_answered=True,
            )
            log.info("started (webhook on %s:%s)", settings.listen, settings.port)
        else:
            assert application.updater is not None
            updater = application.updater
            # PTB deletes any webhook first, trying again on errors as often as getMe was
            await call_bot_api(
                "deleteWebhook",
                lambda: updater.start_polling(
                    allowed_updates=list(ALLOWED_UPDATES),
                    bootstrap_retries=len(STARTUP_RETRY_DELAYS),
                    error_callback=PollingErrors(),
                ),
                retry=False,
            )
            log.info("started (polling)")
        await application.start()
        freeze_start_up_heap()

    async def _listen(self) -> None:
        """Binds the webhook and health ports before Telegram is told to post anything."""
        settings, application = self.settings, self.application
        assert settings.webhook_secret is not None
        self.webhook = WebhookListener(
            application.bot,
            application.update_queue,
            listen=settings.listen,
            port=settings.port,
            path=settings.webhook_path,
            secret=settings.webhook_secret.get_secret_value(),
            inbox=inbox_of(application),
        )
        try:
            self.webhook.start()
        except OSError as error:
            raise _port_failure("BOT_PORT", settings.listen, settings.port, error) from None
        health = HealthServer(self.services.database, settings.listen, settings.health_port)
        try:
            await health.start()
        except OSError as error:
            raise _port_failure(
                "BOT_HEALTH_PORT", settings.listen, settings.health_port, error
            ) from None
        application.bot_data[HEALTH_KEY] = health  # stopped by post_shutdown

    async def _stop(self) -> None:
        application = self.application
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        if self.webhook is not None:
            await self.webhook.stop()
        if application.running:
            await application.stop()
            assert application.post_stop is not None
            await application.post_stop(application)  # as PTB's run_polling does
        await application.shutdown()  # nothing when it was never initialised
        await application.bot.shutdown()  # when only getMe ran
        assert application.post_shutdown is not None
        await application.post_shutdown(application)  # the health listener, the database


def version_line() -> str:
    """What runs, for the first log line: the bot and the versions that change behaviour."""
    try:
        own = metadata.version("huabei-helper-bot")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        own = "unknown"
    return (
        f"huabei-helper-bot {own} (python-telegram-bot {telegram.__version__}, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version})"
    )


def run_bot(settings: Settings) -> int:
    log.info("%s", version_line())
    application = build_application(settings)
    log.info("starting (%s)", "webhook" if settings.webhook_url else "polling")
    return asyncio.run(Runner(application, settings).run())


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    needs_token = not args.console and args.command not in ("backup", "outcomes")
    misspelt = unknown_variables()
    try:
        settings = load_settings(require_token=needs_token)
    except ConfigError as error:
        # one line still: a typo is often the cause (BOT_TOKN leaves BOT_TOKEN missing)
        hints = "".join(f"; {line}" for line in misspelt)
        print(f"configuration error: {error}{hints}", file=sys.stderr)
        return EXIT_CONFIG
    token = settings.token.get_secret_value() if settings.token else ""
    webhook_secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    # the secret half alone is redacted too, in case a library prints it without the id
    setup_logging(
        settings.log_level_number if not args.console else logging.WARNING,
        secrets=[token, token.partition(":")[2], webhook_secret],
    )
    for handler in logging.getLogger().handlers:
        handler.addFilter(OneLineTelegramErrors())
    for line in misspelt:
        log.warning("%s", line)
    if args.command == "check":
        return operations.check(settings)
    if args.command == "backup" and args.folder is not None:
        return operations.backup_into(settings, args.folder, args.keep or DEFAULT_KEEP)
    if args.command == "backup":
        return operations.backup(settings, args.file)
    if args.command == "outcomes":
        return operations.outcomes(settings)
    if args.console:
        from bot.console import main as console_main

        try:
            return console_main(settings)
        except DatabaseUnusable as error:
            print(f"cannot start: {error}", file=sys.stderr)
            return EXIT_CONFIG
    return run_bot(settings)


if __name__ == "__main__":
    sys.exit(main())
