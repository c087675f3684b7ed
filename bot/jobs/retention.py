"""The retention rule, enforced by a scheduled job (documented in /privacy and the README).

Closed cases, and users inactive for ``BOT_RETENTION_DAYS`` (default 180) with no unfinished
deal, are deleted with everything that hangs off them.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from telegram.ext import Application, ContextTypes

from bot.services import services
from bot.storage import repo

log = logging.getLogger(__name__)

RETENTION_JOB = "retention:purge"
RETENTION_INTERVAL = timedelta(hours=6)


async def purge(application: Application, now: datetime | None = None) -> tuple[int, int]:
    """Deletes what is past the retention period; returns (cases, users) removed."""
    svc = services(application)
    now = now or svc.now()
    cutoff = now - timedelta(days=svc.settings.retention_days)
    async with svc.database.transaction() as conn:
        cases, users = await repo.purge_expired(conn, cutoff)
    if cases or users:
        log.info("retention: removed %d closed cases and %d inactive users", cases, users)
    return cases, users


async def retention_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    await purge(context.application)


def start_retention(application: Application) -> None:
    assert application.job_queue is not None
    application.job_queue.run_repeating(
        retention_job,
        interval=RETENTION_INTERVAL,
        first=timedelta(minutes=1),
        name=RETENTION_JOB,
        job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
    )
