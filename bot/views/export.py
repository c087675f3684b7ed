"""/export: the person's record laid out as a document (the PDF and the text file are two
renderings of it). Times are shown on the person's clock, money in yuan from integer fen.

The debts are as the person entered them, the plan as the bot computes it from those
figures, the calls, deals and payments as recorded, and the collection log with the rules
each entry may break, under the source named as shared/domain.md names it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.domain.collection import SOURCES, Channel
from bot.domain.deal import DealKind
from bot.domain.models import CaseFacts, RateBasis
from bot.domain.money import format_fen
from bot.domain.plan import Plan, Recommendation
from bot.domain.progress import Installment
from bot.domain.rates import format_rate
from bot.domain.script import LenderScript, build_call_scripts
from bot.render.document import Document, Section, Table
from bot.texts.zh import collection as col
from bot.texts.zh import export as t
from bot.texts.zh.lenders import LENDER_NAMES
from bot.texts.zh.names import PRODUCT_NAMES, REASON_NAMES
from bot.usecases.calls import LoggedCall
from bot.usecases.collection import CheckedContact
from bot.usecases.export import ExportRecord
from bot.views.fmt import cn_date, listing
from bot.views.plan_labels import lender_labels

BEIJING = ZoneInfo("Asia/Shanghai")


def file_name(day: date, ext: str) -> str:
    return t.FILE_NAME.format(day=day, ext=ext)


def _when(moment: datetime, tz: ZoneInfo) -> str:
    local = moment.astimezone(tz)
    return t.WHEN.format(date=cn_date(local.date()), hour=local.hour, minute=local.minute)


def _zone(tz: ZoneInfo) -> str:
    return t.ZONE_NAMES.get(tz.key, t.ZONE_OTHER.format(zone=tz.key))


def _one_line(typed: str) -> str:
    """Typed text in a table cell: its line breaks become spaces (a cell taller than a
    page cannot be laid out, and a row stays one line in the text file)."""
    return " ".join(typed.split())


def _money(fen: int | None) -> str:
    return t.NOT_GIVEN if fen is None else format_fen(fen)


def _rate(ppm: int | None, basis: RateBasis) -> str:
    if ppm is None:
        return t.RATE_ESTIMATED
    words = t.RATE_BASIS_LOAN if basis is RateBasis.LOAN else t.RATE_BASIS_PENALTY
    return t.RATE.format(rate=format_rate(ppm), basis=words)


def _hardship(record: ExportRecord) -> list[str]:
    case = record.case
    if case is None or case.hardship_reason is None:
        return []
    reason = REASON_NAMES[case.hardship_reason]
    if case.hardship_note:
        reason += t.REASON_NOTE.format(note=case.hardship_note)
    if case.hardship_temporary is None:
        how_long = ""
    elif not case.hardship_temporary:
        how_long = t.REASON_LASTING
    elif case.hardship_months:
        how_long = t.REASON_TEMPORARY.format(months=case.hardship_months)
    else:
        how_long = t.REASON_TEMPORARY_UNKNOWN
    return [t.REASON.format(reason=reason, how_long=how_long)]


def _budget(record: ExportRecord) -> list[str]:
    case = record.case
    if (
        case is None
        or case.income_fen is None
        or case.essentials_fen is None
        or case.other_debts_fen is None
    ):
        return []
    other = (
        t.BUDGET_OTHER.format(other=format_fen(case.other_debts_fen))
        if case.other_debts_fen
        else t.BUDGET_NO_OTHER
    )
    figures = {
        "income": format_fen(case.income_fen),
        "essentials": format_fen(case.essentials_fen),
        "other": other,
    }
    return [(t.BUDGET if case.income_fen > 0 else t.BUDGET_NO_INCOME).format(**figures)]


def _debts(record: ExportRecord) -> Section | None:
    case = record.case
    if case is None or not case.debts:
        return None
    rows = tuple(
        (
            PRODUCT_NAMES[d.product],
            _money(d.amount_fen),
            t.NOT_GIVEN if d.overdue_since is None else cn_date(d.overdue_since),
            _money(d.total_due_fen),
            _rate(d.daily_rate_ppm, d.rate_basis),
        )
        for d in case.debts
    )
    table = Table(t.DEBT_COLUMNS, rows, (0.14, 0.2, 0.24, 0.2, 0.22))
    return Section(t.DEBTS_HEADING, table=table, after=(*_hardship(record), *_budget(record)))


def _lender_ask(s: LenderScript, name: str) -> str | None:
    """What the script asks this lender for, in one line (None: pay in the app, no ask)."""
    ask = s.ask
    if ask.kind is Recommendation.PAUSE:
        months = t.PLAN_PAUSE_MONTHS.format(months=ask.pause_months) if ask.pause_months else ""
        token = t.PLAN_PAUSE_TOKEN.format(amount=format_fen(ask.token_fen)) if ask.token_fen else ""
        return t.PLAN_LENDER_PAUSE.format(lender=name, months=months, token=token)
    if ask.kind is Recommendation.LONG_INSTALLMENTS and ask.monthly_fen is not None:
        periods = t.PLAN_LONG_PERIODS.format(periods=ask.periods) if ask.periods else ""
        return t.PLAN_LENDER_LONG.format(
            lender=name, amount=format_fen(ask.monthly_fen), periods=periods
        )
    if ask.kind is Recommendation.PAY_NOW or not ask.amounts or ask.first_due is None:
        return None
    last = t.PLAN_LENDER_LAST.format(amount=format_fen(ask.last_fen)) if ask.last_fen else ""
    return t.PLAN_LENDER.format(
        lender=name,
        amount=format_fen(ask.amounts[0]),
        periods=len(ask.amounts),
        first=cn_date(ask.first_due),
        last=last,
    )


def _plan(facts: CaseFacts, plan: Plan) -> Section:
    """The plan as the call scripts ask it: each lender's own request, on what it is based."""
    limit = (
        t.PLAN_LIMIT.format(amount=format_fen(plan.limit_fen))
        if plan.limit_fen > 0
        else t.PLAN_LIMIT_NONE
    )
    lines = [
        t.PLAN_MADE.format(date=cn_date(plan.today)),
        limit,
        t.PLAN_KINDS[plan.kind].format(periods=plan.max_periods),
    ]
    scripts = build_call_scripts(facts, plan, plan.today).scripts
    labels = lender_labels(facts, [s.lender for s in scripts])
    asked = False
    for s in scripts:
        name = LENDER_NAMES[s.lender.kind] + t.CALL_DEBTS.format(debts=labels[s.lender])
        line = _lender_ask(s, name)
        if line is None:
            continue
        asked = True
        basis = t.PLAN_BASIS_WHOLE if s.whole_known else t.PLAN_BASIS_OVERDUE
        lines.append(line + t.PLAN_BASIS.format(basis=basis, owed=format_fen(s.base_fen)))
    if asked:
        lines.append(t.PLAN_WAIVER)
    return Section(t.PLAN_HEADING, tuple(lines))


def _calls(calls: Sequence[LoggedCall], tz: ZoneInfo) -> Section | None:
    if not calls:
        return None
    rows = tuple(
        (
            _when(call.called_at, tz),
            t.CALL_OUTCOMES.get(call.outcome, call.outcome)
            + (
                t.CALL_DEBTS.format(debts=listing(PRODUCT_NAMES[p] for p in call.products))
                if call.products
                else ""
            ),
            call.staff_id or t.NO_STAFF_ID,
            _one_line(call.note or ""),
        )
        for call in calls
    )
    table = Table(t.CALL_COLUMNS, rows, (0.26, 0.2, 0.16, 0.38))
    return Section(t.CALLS_HEADING, table=table)


def _deal_terms(kind: DealKind, pause_until: date | None, items: Sequence[Installment]) -> str:
    if len(items) == 1:
        return t.DEAL_SINGLE.format(
            amount=format_fen(items[0].amount_fen), due=cn_date(items[0].due)
        )
    text = t.DEAL_PERIODS.format(
        count=len(items),
        total=format_fen(sum(i.amount_fen for i in items)),
        first=cn_date(items[0].due),
        last=cn_date(items[-1].due),
    )
    if kind is not DealKind.PAUSE_THEN_INSTALLMENTS:
        return text
    if pause_until is None:
        return t.DEAL_AFTER_PAUSE_UNKNOWN + text
    return t.DEAL_AFTER_PAUSE.format(until=cn_date(pause_until)) + text


def _deal_state(
    outcome: str | None, ended: datetime | None, items: Sequence[Installment], tz: ZoneInfo
) -> str:
    if outcome == "paid_off" or all(i.paid for i in items):
        return t.DEAL_STATE_PAID_OFF
    if ended is not None:  # replaced by a later deal for the same debt
        return t.DEAL_STATE_REPLANNED.format(when=cn_date(ended.astimezone(tz).date()))
    return t.DEAL_STATE_ACTIVE


def _deals(record: ExportRecord, tz: ZoneInfo) -> Section | None:
    rows = []
    for deal in record.deals:
        items = sorted(
            (i for i in record.installments if i.deal_id == deal.id), key=lambda i: i.number
        )
        if not items:
            continue
        ended = None if deal.active else (deal.ended_at or deal.agreed_at)
        rows.append(
            (
                PRODUCT_NAMES[deal.product],
                cn_date(deal.agreed_at.astimezone(tz).date()),
                _deal_terms(deal.kind, deal.pause_until, items),
                _deal_state(deal.outcome, ended, items, tz),
            )
        )
    table = Table(t.DEAL_COLUMNS, tuple(rows), (0.14, 0.22, 0.42, 0.22))
    return Section(t.DEALS_HEADING, table=table) if rows else None


def _payments(record: ExportRecord, tz: ZoneInfo) -> Section | None:
    installments = record.installments
    # a payment under a deal that was replaced names that deal's day
    ended = {
        d.id: t.PAYMENT_OLD_DEAL.format(date=cn_date(d.agreed_at.astimezone(tz).date()))
        for d in record.deals
        if not d.active and d.outcome != "paid_off"
    }
    paid = sorted(
        (i for i in installments if i.paid_fen is not None),
        key=lambda i: (i.paid_at or datetime.combine(i.due, datetime.min.time(), tz), i.id),
    )
    rows = tuple(
        (
            cn_date(i.paid_at.astimezone(tz).date() if i.paid_at else i.due),
            PRODUCT_NAMES[i.product],
            t.PAYMENT_NUMBER.format(number=i.number, count=i.count) + ended.get(i.deal_id, ""),
            format_fen(i.paid_fen or 0)
            if i.paid
            else t.PAYMENT_PART.format(
                paid=format_fen(i.paid_fen or 0), due=format_fen(i.amount_fen)
            ),
        )
        for i in paid
    )
    total = sum(i.paid_fen or 0 for i in paid)
    table = Table(t.PAYMENT_COLUMNS, rows, (0.24, 0.18, 0.2, 0.38))
    after = (t.PAYMENTS_TOTAL.format(amount=format_fen(total)),) if rows else ()
    return Section(t.PAYMENTS_HEADING, table=table, after=after) if rows else None


def _channel(entry: CheckedContact) -> str:
    contact = entry.contact
    channel = col.CHANNELS[contact.channel]
    if contact.channel is Channel.CALL:
        answered = (
            t.CONTACT_ANSWERED
            if contact.answered
            else t.CONTACT_UNANSWERED.format(attempts=contact.attempts)
        )
        channel = t.CONTACT_CALL.format(channel=channel, answered=answered)
    return channel + (t.CONTACT_WHO.format(who=_one_line(contact.who)) if contact.who else "")


def _what(entry: CheckedContact) -> str:
    done = [col.BEHAVIOURS[b] for b in sorted(entry.contact.behaviours)]
    text = t.ITEM_SEPARATOR.join(done) if done else t.CONTACT_NOTHING
    if entry.note:
        text += t.LINE_BREAK + t.CONTACT_NOTE.format(note=_one_line(entry.note))
    return text


def _broken(entry: CheckedContact) -> str:
    verdict = entry.verdict
    if not verdict.broken:
        return t.CONTACT_CLEAN
    items = []
    for rule in verdict.rules:
        line = col.RULE_LINES[rule].format(
            attempts=verdict.unanswered_attempts, calls=verdict.answered_calls
        )
        items.append(
            t.RULE_ITEM.format(
                source=t.SOURCE_SHORT[SOURCES[rule][0]], rule=line.removeprefix(t.BULLET)
            )
        )
    return t.LINE_BREAK.join(items)


def _contacts(entries: Sequence[CheckedContact], tz: ZoneInfo) -> Section:
    if not entries:
        return Section(t.CONTACTS_HEADING, (t.NONE_YET,))
    rows = tuple(
        (_when(e.contact.contacted_at, tz), _channel(e), _what(e), _broken(e)) for e in entries
    )
    broken = sum(1 for e in entries if e.verdict.broken)
    intro = (t.CONTACTS_COUNT.format(total=len(entries), broken=broken), t.CONTACTS_SOURCES)
    return Section(
        t.CONTACTS_HEADING, intro, Table(t.CONTACT_COLUMNS, rows, (0.2, 0.2, 0.24, 0.36))
    )


def export_document(
    record: ExportRecord, facts: CaseFacts | None, plan: Plan | None, tz: ZoneInfo, now: datetime
) -> Document:
    """The whole record, in the order a complaint handler reads it."""
    found = [
        _debts(record),
        _plan(facts, plan) if facts is not None and plan is not None else None,
        _calls(record.calls, tz),
        _deals(record, tz),
        _payments(record, tz),
        _contacts(record.contacts, tz),  # always: an empty log is worth saying too
        Section(t.COMPLAIN_HEADING, t.COMPLAIN_STEPS),
    ]
    # numbered as they come, so a part left out leaves no gap
    sections = tuple(
        replace(s, heading=t.NUMBERED.format(number=t.NUMBERS[n], heading=s.heading))
        for n, s in enumerate(s for s in found if s is not None)
    )
    intro = (
        t.MADE.format(when=_when(now, tz), zone=_zone(tz)),
        *_offset(tz, now),
        t.NOT_A_STATEMENT,
    )
    return Document(t.TITLE, intro, sections, footer=t.FOOTER, subject=t.SUBJECT)


def _offset(tz: ZoneInfo, now: datetime) -> tuple[str, ...]:
    """Outside Beijing time, how far it is (the lender and 12378 read Beijing time)."""
    local = now.astimezone(tz).utcoffset()
    beijing = now.astimezone(BEIJING).utcoffset()
    if local is None or beijing is None or local == beijing:
        return ()
    hours = (beijing - local).total_seconds() / 3600
    shown = f"{abs(hours):g}"
    template = t.ZONE_OFFSET_AHEAD if hours > 0 else t.ZONE_OFFSET_BEHIND
    return (template.format(hours=shown),)
