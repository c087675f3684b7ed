"""📒 记录一次催收: what the person reads after logging a contact, and the list of the log.

A verdict names each rule broken under its source (the industry guideline, the national
standard, as domain.md states them), then what to do. It stays within a phone screen
(``MAX_CHARS``): when it would not, what to do goes in a second message.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime

from bot.domain.collection import SOURCES, Rule, Source
from bot.texts.zh import collection as t
from bot.usecases.collection import CheckedContact

MAX_CHARS = 300
LIST_LIMIT = 8


def when(moment: datetime) -> str:
    """``11月24日 23:10``, on the person's clock (the moment is already in their zone)."""
    return t.WHEN.format(month=moment.month, day=moment.day, hour=moment.hour, minute=moment.minute)


def _heading(entry: CheckedContact, template: str) -> str:
    contact = entry.contact
    who = t.WHO.format(who=html.escape(contact.who)) if contact.who else ""
    return template.format(
        when=when(contact.contacted_at), channel=t.CHANNELS[contact.channel], who=who, flags=""
    )


def _rule_line(rule: Rule, entry: CheckedContact) -> str:
    verdict = entry.verdict
    return t.RULE_LINES[rule].format(
        attempts=verdict.unanswered_attempts, calls=verdict.answered_calls
    )


def verdict_messages(entry: CheckedContact) -> list[str]:
    """The saved entry, the rules it breaks by source, the notes, what to do."""
    verdict = entry.verdict
    head = _heading(entry, t.SAVED)
    notes = [t.NOTE_LINES[n].format(time=when(entry.contact.contacted_at)) for n in verdict.notes]
    advice = [t.WHAT_TO_DO] if verdict.broken or notes else []
    if verdict.check_court_papers:
        advice.append(t.COURT_CHECK)
    if not verdict.broken:
        body = [head, t.CLEAN, *notes]
    else:
        body = [head, t.BREAKS]
        for source in Source:
            # each rule once, under the first source named for it
            rules = [r for r in verdict.rules if SOURCES[r][0] is source]
            if rules:
                body.append(t.SOURCE_HEAD[source])
                body += [_rule_line(r, entry) for r in rules]
        body += notes
    whole = "\n".join([*body, *advice, t.NEXT])
    if len(whole) <= MAX_CHARS:
        return [whole]
    return ["\n".join(body), "\n".join([*advice, t.NEXT])]


def log_list(entries: Sequence[CheckedContact]) -> str:
    """The last entries, newest last, each with the rules it breaks."""
    if not entries:
        return t.LIST_EMPTY
    shown = list(entries[-LIST_LIMIT:])
    lines = [t.LIST_HEAD.format(shown=len(shown), total=len(entries))]
    for entry in shown:
        flags = t.LIST_SEP.join(t.RULE_SHORT[r] for r in entry.verdict.rules)
        contact = entry.contact
        who = t.WHO.format(who=html.escape(contact.who)) if contact.who else ""
        lines.append(
            t.LIST_LINE.format(
                when=when(contact.contacted_at),
                channel=t.CHANNELS[contact.channel],
                who=who,
                flags=t.LIST_FLAGS.format(flags=flags) if flags else t.LIST_CLEAN,
            )
        )
    if any(e.verdict.broken for e in shown):
        lines.append(t.LIST_FOOT)
    return "\n".join(lines)
