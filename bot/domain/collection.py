"""A collector's contacts, checked against the collection rules in shared/domain.md.

Each logged contact is checked on its own (the hour it came, who was contacted, what was
said) and together with the other contacts of the same local day (how many calls). The day
and the hour are the person's local ones, from the contact's moment: "夜里打来" ticked alone
does not make a contact a night-time one, the time does.

The rules and who set them (domain.md, "Debt collection"):
- 中国银行业协会《金融机构个人消费类贷款催收工作指引(试行)》 (an industry guideline): no
  collection 22:00–08:00 without consent; at most 6 attempts a day on one number when
  unanswered; no threats, no posing as courts or police, no pushing new loans; unrelated third
  parties banned in principle;
- the national standard on post-loan collection: collect from the debtor only; at most 3
  effective voice calls a day; 22:00–08:00 banned unless agreed.
Claims of a lawsuit or the police, and insults, are noted with what to do; they are not
presented as a rule broken, because domain.md names no rule for them as such.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo

QUIET_FROM = time(22, 0)
QUIET_UNTIL = time(8, 0)
MAX_UNANSWERED_ATTEMPTS = 6  # a day, on one number (industry guideline)
MAX_VOICE_CALLS = 3  # effective (answered) voice calls a day (national standard)
MAX_ATTEMPTS = 99  # what one entry may say


class Channel(StrEnum):
    """How the collector got in touch; values are stored: never rename."""

    CALL = "call"
    SMS = "sms"
    APP = "app"
    VISIT = "visit"
    THIRD_PARTY = "third_party"  # contacted a family member or friend


class Behaviour(StrEnum):
    """What happened; values are stored and are callback data: never rename."""

    THREAT = "threat"
    LAWSUIT = "lawsuit"  # said they would sue or call the police
    FAMILY = "family"  # contacted family or friends
    NIGHT = "night"  # called at night (the time decides the rule)
    INSULT = "insult"
    NEW_LOAN = "new_loan"  # told to borrow to repay
    IMPERSONATION = "impersonation"  # posed as a court or the police


class Source(StrEnum):
    GUIDELINE = "guideline"  # 中国银行业协会《金融机构个人消费类贷款催收工作指引(试行)》
    STANDARD = "standard"  # the national standard on post-loan collection


class Rule(StrEnum):
    QUIET_HOURS = "quiet_hours"
    UNANSWERED_ATTEMPTS = "unanswered_attempts"
    VOICE_CALLS = "voice_calls"
    THIRD_PARTY = "third_party"
    THREAT = "threat"
    IMPERSONATION = "impersonation"
    NEW_LOAN = "new_loan"


# who set each rule (domain.md), the first named for it; the quiet hours and third
# parties are in the national standard too (the words say so)
SOURCES: dict[Rule, tuple[Source, ...]] = {
    Rule.QUIET_HOURS: (Source.GUIDELINE, Source.STANDARD),
    Rule.UNANSWERED_ATTEMPTS: (Source.GUIDELINE,),
    Rule.VOICE_CALLS: (Source.STANDARD,),
    Rule.THIRD_PARTY: (Source.GUIDELINE, Source.STANDARD),
    Rule.THREAT: (Source.GUIDELINE,),
    Rule.IMPERSONATION: (Source.GUIDELINE,),
    Rule.NEW_LOAN: (Source.GUIDELINE,),
}
_BEHAVIOUR_RULES = {
    Behaviour.THREAT: Rule.THREAT,
    Behaviour.FAMILY: Rule.THIRD_PARTY,
    Behaviour.NEW_LOAN: Rule.NEW_LOAN,
    Behaviour.IMPERSONATION: Rule.IMPERSONATION,
}


class Note(StrEnum):
    """Worth a word of what to do, though not a rule of its own."""

    LAWSUIT = "lawsuit"  # civil matter; real court papers checked through 12368
    INSULT = "insult"  # keep the recording, complain
    NIGHT_NOT_AT_NIGHT = "night_not_at_night"  # 夜里打来 ticked, the time says otherwise


@dataclass(frozen=True, slots=True)
class Contact:
    """One contact as logged. ``attempts`` and ``answered`` mean something for calls only:
    an answered call is one effective voice call; an unanswered one counts its attempts."""

    contacted_at: datetime  # timezone-aware
    channel: Channel
    behaviours: frozenset[Behaviour] = frozenset()
    who: str | None = None
    attempts: int = 1
    answered: bool = True

    def __post_init__(self) -> None:
        if self.contacted_at.tzinfo is None:
            raise ValueError("a contact's moment must be timezone-aware")
        if not 1 <= self.attempts <= MAX_ATTEMPTS:
            raise ValueError("attempts out of range")


@dataclass(frozen=True, slots=True)
class Verdict:
    """What one contact breaks, alone and with its day; the day's counts it was judged on."""

    rules: tuple[Rule, ...]
    notes: tuple[Note, ...]
    day: date
    answered_calls: int  # that day, this one included
    unanswered_attempts: int  # that day, on this contact's number (this one included)

    @property
    def broken(self) -> bool:
        return bool(self.rules)

    @property
    def check_court_papers(self) -> bool:
        return Note.LAWSUIT in self.notes or Rule.IMPERSONATION in self.rules


def local_day(contact: Contact, tz: ZoneInfo) -> date:
    return contact.contacted_at.astimezone(tz).date()


def in_quiet_hours(moment: datetime, tz: ZoneInfo) -> bool:
    """22:00 up to 08:00, on the person's clock (22:00 is in, 08:00 is out)."""
    clock = moment.astimezone(tz).time()
    return clock >= QUIET_FROM or clock < QUIET_UNTIL


def number_key(who: str | None) -> str | None:
    """What makes two entries "the same number": its digits (at least 5), else the name."""
    if not who:
        return None
    folded = unicodedata.normalize("NFKC", who).lower()
    digits = re.sub(r"\D", "", folded)
    if len(digits) >= 5:
        return digits
    name = "".join(folded.split())
    return name or None


def _same_day(contact: Contact, others: Iterable[Contact], tz: ZoneInfo) -> list[Contact]:
    day = local_day(contact, tz)
    return [c for c in others if local_day(c, tz) == day]


def check(contact: Contact, others: Sequence[Contact], tz: ZoneInfo) -> Verdict:
    """``contact`` against the rules, with the ``others`` logged (this one not among them;
    only those of the same local day count)."""
    same_day = [contact, *_same_day(contact, others, tz)]
    rules: list[Rule] = []
    if in_quiet_hours(contact.contacted_at, tz):
        rules.append(Rule.QUIET_HOURS)
    key = number_key(contact.who)
    unanswered = 0
    if contact.channel is Channel.CALL and not contact.answered:
        unanswered = sum(
            c.attempts
            for c in same_day
            if c.channel is Channel.CALL
            and not c.answered
            and (c is contact or (key is not None and number_key(c.who) == key))
        )
        if unanswered > MAX_UNANSWERED_ATTEMPTS:
            rules.append(Rule.UNANSWERED_ATTEMPTS)
    answered = sum(1 for c in same_day if c.channel is Channel.CALL and c.answered)
    if contact.channel is Channel.CALL and contact.answered and answered > MAX_VOICE_CALLS:
        rules.append(Rule.VOICE_CALLS)
    if contact.channel is Channel.THIRD_PARTY:
        rules.append(Rule.THIRD_PARTY)
    for behaviour in Behaviour:
        rule = _BEHAVIOUR_RULES.get(behaviour)
        if behaviour in contact.behaviours and rule is not None and rule not in rules:
            rules.append(rule)
    notes: list[Note] = []
    if Behaviour.LAWSUIT in contact.behaviours:
        notes.append(Note.LAWSUIT)
    if Behaviour.INSULT in contact.behaviours:
        notes.append(Note.INSULT)
    if Behaviour.NIGHT in contact.behaviours and Rule.QUIET_HOURS not in rules:
        notes.append(Note.NIGHT_NOT_AT_NIGHT)
    return Verdict(
        rules=tuple(rules),
        notes=tuple(notes),
        day=local_day(contact, tz),
        answered_calls=answered,
        unanswered_attempts=unanswered,
    )


def check_log(contacts: Sequence[Contact], tz: ZoneInfo) -> list[Verdict]:
    """Every entry of a log judged with the whole of its day (for the list and the export):
    a day's fourth answered call breaks the rule, and so does each one after it — only the
    calls up to and including an entry count towards it, in time order."""
    verdicts: list[Verdict] = []
    ordered = sorted(range(len(contacts)), key=lambda i: contacts[i].contacted_at)
    position = {index: rank for rank, index in enumerate(ordered)}
    for index, contact in enumerate(contacts):
        earlier = [contacts[i] for i in ordered[: position[index]]]
        verdicts.append(check(contact, earlier, tz))
    return verdicts
