"""``python -m bot``: polling by default, webhook when BOT_WEBHOOK_URL is set.

``--console`` chats in the terminal instead; ``check`` is the health check; ``backup FILE``
copies the live database.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from telegram import Update
from telegram.error import InvalidToken

from bot import operations
from bot.app import build_application
from bot.config import ConfigError, load_settings
from bot.logging_setup import setup_logging

EXIT_CONFIG = 2
log = logging.getLogger("bot")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot", description="还款协商助手 Telegram bot")
    parser.add_argument(
        "--console", action="store_true", help="chat in this terminal instead of Telegram"
    )
    parser.add_argument(
        "command",
        nargs="?",
        default="run",
        choices=["run", "check", "backup"],
        help="run the bot (default), check its health, or back up its database",
    )
    parser.add_argument("file", nargs="?", type=Path, help="where backup writes the copy")
    args = parser.parse_args(argv)
    if args.command == "backup" and args.file is None:
        parser.error("backup needs a FILE to write, e.g. python -m bot backup backups/bot.sqlite3")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    needs_token = not args.console and args.command != "backup"
    try:
        settings = load_settings(require_token=needs_token)
    except ConfigError as error:
        print(f"configuration error: {error}", file=sys.stderr)
        return EXIT_CONFIG
    token = settings.token.get_secret_value() if settings.token else ""
    webhook_secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    # the secret half alone is redacted too, in case a library prints it without the id
    setup_logging(
        settings.log_level_number if not args.console else logging.WARNING,
        secrets=[token, token.partition(":")[2], webhook_secret],
    )
    if args.command == "check":
        return operations.check(settings)
    if args.command == "backup":
        return operations.backup(settings, args.file)
    if args.console:
        from bot.console import main as console_main

        return console_main(settings)
    application = build_application(settings)
    try:
        if settings.webhook_url:
            assert settings.webhook_secret is not None
            log.info("starting (webhook on %s:%s)", settings.listen, settings.port)
            # PTB's webhook server answers 403 to any request without this exact secret
            application.run_webhook(
                listen=settings.listen,
                port=settings.port,
                url_path=settings.webhook_path,
                webhook_url=settings.webhook_url,
                secret_token=settings.webhook_secret.get_secret_value(),
                allowed_updates=Update.ALL_TYPES,
            )
        else:
            log.info("starting (polling)")
            application.run_polling(allowed_updates=Update.ALL_TYPES)
    except InvalidToken:
        print("configuration error: BOT_TOKEN was rejected by the Bot API", file=sys.stderr)
        return EXIT_CONFIG
    return 0


if __name__ == "__main__":
    sys.exit(main())
