"""The world a use case runs in for a test: a real migrated SQLite file and a clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import aiosqlite

from bot.domain.case_fields import CaseField, DebtField
from bot.domain.deal import DealKind, DealTerms, PlannedInstallment
from bot.domain.models import HardshipReason, Product
from bot.storage import repo
from bot.storage.db import Database
from bot.storage.timestamps import from_text
from bot.usecases.deals import AgreedDeal, RecordedDeals, record_deal

TZ = ZoneInfo("Asia/Shanghai")
START = datetime(2025, 3, 10, 10, 0, tzinfo=TZ)  # a Monday morning


@dataclass
class World:
    """The use cases' Deps: a database and a clock that only moves when told."""

    database: Database
    moment: datetime = START
    tz: ZoneInfo = TZ

    def now(self) -> datetime:
        return self.moment.astimezone(self.tz)

    def today(self) -> date:
        return self.now().date()

    def at(self, day: date, hour: int, minute: int = 0) -> None:
        self.moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=self.tz)

    async def conn(self) -> aiosqlite.Connection:
        return await self.database.connection()

    async def user_with_debt(self, user_id: int, product: Product = Product.HUABEI) -> int:
        """A user (chat id = user id) with an open case holding one debt; returns the debt id."""
        async with self.database.transaction() as conn:
            await repo.ensure_user(conn, user_id, user_id, self.now())
            case_id = await repo.start_case(conn, user_id, self.now())
            debt_id = await repo.add_debt(conn, user_id, case_id, product, self.now())
            await repo.update_debt(conn, user_id, debt_id, {DebtField.AMOUNT: 600_000})
        return debt_id

    async def planned(self, user_id: int) -> int:
        """A user whose case is answered in full and planned; returns the debt id."""
        debt_id = await self.user_with_debt(user_id)
        async with self.database.transaction() as conn:
            case = await repo.open_case(conn, user_id)
            assert case is not None
            await repo.update_debt(
                conn,
                user_id,
                debt_id,
                {
                    DebtField.OVERDUE_SINCE: date(2025, 1, 10),
                    DebtField.RATE_ANSWERED: True,
                    DebtField.TOTAL_ANSWERED: True,
                },
            )
            answers = {
                CaseField.HARDSHIP_REASON: HardshipReason.UNEMPLOYED,
                CaseField.HARDSHIP_TEMPORARY: False,
                CaseField.INCOME: 0,
                CaseField.ESSENTIALS: 200_000,
                CaseField.OTHER_DEBTS: 0,
            }
            await repo.update_case(conn, user_id, case.id, self.now(), answers)
            await repo.plan_case(conn, user_id, case.id, self.now())
        return debt_id

    async def deal(
        self, user_id: int, debt_id: int, amounts: list[int], first_due: date
    ) -> RecordedDeals:
        """Records an installment deal: one a month from ``first_due``."""
        items = tuple(
            PlannedInstallment(n + 1, first_due + timedelta(days=30 * n), fen)
            for n, fen in enumerate(amounts)
        )
        terms = DealTerms(DealKind.INSTALLMENTS, periods=len(amounts), first_due=first_due)
        agreed = AgreedDeal(debt_id, terms, items)
        return await record_deal(self, user_id, [agreed], staff_id="10086")

    async def waiting(self, user_id: int) -> list[tuple[int, str, int, datetime]]:
        """(installment id, kind, lead days, local time) of every reminder still to come, but
        the three-monthly check-in every deal queues (``check_ins`` reads those)."""
        async with (await self.conn()).execute(
            "SELECT installment_id, kind, lead_days, due_at FROM reminders"
            " WHERE user_id = ? AND status = 'pending' AND kind != 'check_in'"
            " ORDER BY due_at, id",
            (user_id,),
        ) as cursor:
            rows = await cursor.fetchall()
        return [(r[0], r[1], r[2], from_text(r[3]).astimezone(TZ)) for r in rows]

    async def check_ins(self, user_id: int) -> list[datetime]:
        """When each check-in still waiting comes (local time)."""
        async with (await self.conn()).execute(
            "SELECT due_at FROM reminders WHERE user_id = ? AND status IN ('pending', 'claimed')"
            " AND kind = 'check_in' ORDER BY due_at, id",
            (user_id,),
        ) as cursor:
            rows = await cursor.fetchall()
        return [from_text(r[0]).astimezone(TZ) for r in rows]

    async def send_due_reminders(self) -> int:
        """What the reminder engine does with everything due by now: claimed, then sent."""
        async with self.database.transaction() as conn:
            claimed = await repo.claim_due_reminders(conn, self.now(), 100)
            for reminder in claimed:
                await repo.mark_reminder_sent(conn, reminder.id, self.now())
        return len(claimed)
