"""The collection rule checker: every rule, the per-day counts on the person's clock, and the
time grammar of "when did they contact you"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.collection import (
    SOURCES,
    Behaviour,
    Channel,
    Contact,
    Note,
    Rule,
    Source,
    check,
    check_log,
    in_quiet_hours,
    number_key,
)
from bot.domain.collection_time import TimeError, TimeProblem, read_contact_time

SH = ZoneInfo("Asia/Shanghai")
NY = ZoneInfo("America/New_York")


def at(hour: int, minute: int = 0, day: int = 24, tz: ZoneInfo = SH) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=tz)


def call(moment: datetime, *, answered: bool = True, attempts: int = 1, who: str | None = None):
    return Contact(moment, Channel.CALL, who=who, attempts=attempts, answered=answered)


def test_21_59_is_fine_22_00_is_quiet_hours_and_8_00_is_fine_again() -> None:
    assert check(call(at(21, 59)), [], SH).rules == ()
    assert check(call(at(22, 0)), [], SH).rules == (Rule.QUIET_HOURS,)
    assert check(call(at(7, 59)), [], SH).rules == (Rule.QUIET_HOURS,)
    assert check(call(at(8, 0)), [], SH).rules == ()


def test_quiet_hours_are_the_persons_local_hours_not_the_clock_it_was_stored_in() -> None:
    # 14:30 UTC is 22:30 in Shanghai and 09:30 in New York
    moment = datetime(2026, 11, 24, 14, 30, tzinfo=UTC)
    assert in_quiet_hours(moment, SH)
    assert not in_quiet_hours(moment, NY)
    assert check(call(moment), [], NY).rules == ()


def test_the_night_button_alone_does_not_make_a_night_contact() -> None:
    daytime = Contact(at(15), Channel.CALL, frozenset({Behaviour.NIGHT}))
    verdict = check(daytime, [], SH)
    assert verdict.rules == ()
    assert verdict.notes == (Note.NIGHT_NOT_AT_NIGHT,)
    night = Contact(at(23), Channel.CALL, frozenset({Behaviour.NIGHT}))
    assert check(night, [], SH).rules == (Rule.QUIET_HOURS,)
    assert check(night, [], SH).notes == ()


def test_a_fourth_answered_call_in_a_day_breaks_the_national_standard() -> None:
    earlier = [call(at(9)), call(at(11)), call(at(14))]
    assert check(earlier[2], earlier[:2], SH).rules == ()
    fourth = check(call(at(16)), earlier, SH)
    assert fourth.rules == (Rule.VOICE_CALLS,)
    assert fourth.answered_calls == 4
    assert SOURCES[Rule.VOICE_CALLS] == (Source.STANDARD,)


def test_calls_are_counted_per_day_in_shanghai_across_midnight() -> None:
    # three calls late on the 23rd and one just after midnight: two days in Shanghai,
    # though in UTC (15:00-16:30 on the 23rd) they are one day
    late = [call(at(23, 0, day=23)), call(at(23, 30, day=23)), call(at(23, 59, day=23))]
    after_midnight = call(at(0, 30))
    assert len({c.contacted_at.astimezone(UTC).date() for c in [*late, after_midnight]}) == 1
    verdict = check(after_midnight, late, SH)
    assert verdict.answered_calls == 1
    assert verdict.rules == (Rule.QUIET_HOURS,)
    # a fourth one on the 23rd itself does break the daily count
    assert Rule.VOICE_CALLS in check(call(at(23, 59, day=23)), late, SH).rules


def test_the_day_is_the_persons_day_in_another_zone() -> None:
    # 20:00-23:00 in New York on the 24th is 09:00-12:00 on the 25th in Shanghai
    calls = [call(at(h, tz=NY)) for h in (20, 21, 22)]
    last = call(at(23, tz=NY))
    new_york = check(last, calls, NY)
    assert new_york.rules == (Rule.QUIET_HOURS, Rule.VOICE_CALLS)
    assert check(last, calls, SH).rules == (Rule.VOICE_CALLS,)
    # 09:00 NY on the 23rd and 10:00 NY on the 24th: other days in New York
    earlier_day = [call(at(9, day=23, tz=NY))] * 3
    assert check(call(at(10, tz=NY)), earlier_day, NY).answered_calls == 1


def test_more_than_six_unanswered_attempts_on_one_number_in_a_day() -> None:
    assert check(call(at(10), answered=False, attempts=6), [], SH).rules == ()
    assert check(call(at(10), answered=False, attempts=7), [], SH).rules == (
        Rule.UNANSWERED_ATTEMPTS,
    )
    morning = call(at(9), answered=False, attempts=4, who="138 0013 8000")
    same_number = call(at(15), answered=False, attempts=3, who="13800138000")
    other_number = call(at(15), answered=False, attempts=3, who="13900000000")
    assert check(same_number, [morning], SH).rules == (Rule.UNANSWERED_ATTEMPTS,)
    assert check(same_number, [morning], SH).unanswered_attempts == 7
    assert check(other_number, [morning], SH).rules == ()
    # no number known: only the entry itself counts (it may be another number)
    assert check(call(at(15), answered=False, attempts=3), [morning], SH).rules == ()
    # answered calls are not unanswered attempts
    assert check(call(at(15), attempts=1, who="13800138000"), [morning], SH).rules == ()


def test_third_parties_threats_impersonation_new_loans_each_break_their_rule() -> None:
    family = Contact(at(10), Channel.THIRD_PARTY)
    assert check(family, [], SH).rules == (Rule.THIRD_PARTY,)
    ticked = Contact(at(10), Channel.CALL, frozenset({Behaviour.FAMILY}))
    assert check(ticked, [], SH).rules == (Rule.THIRD_PARTY,)
    for behaviour, rule in (
        (Behaviour.THREAT, Rule.THREAT),
        (Behaviour.IMPERSONATION, Rule.IMPERSONATION),
        (Behaviour.NEW_LOAN, Rule.NEW_LOAN),
    ):
        verdict = check(Contact(at(10), Channel.SMS, frozenset({behaviour})), [], SH)
        assert verdict.rules == (rule,)
        assert SOURCES[rule] == (Source.GUIDELINE,)
    both = Contact(at(10), Channel.THIRD_PARTY, frozenset({Behaviour.FAMILY}))
    assert check(both, [], SH).rules == (Rule.THIRD_PARTY,)  # one rule, said once


def test_lawsuit_talk_and_insults_are_notes_not_rules() -> None:
    verdict = check(
        Contact(at(10), Channel.CALL, frozenset({Behaviour.LAWSUIT, Behaviour.INSULT})), [], SH
    )
    assert verdict.rules == ()
    assert verdict.notes == (Note.LAWSUIT, Note.INSULT)
    assert verdict.check_court_papers
    posing = Contact(at(10), Channel.SMS, frozenset({Behaviour.IMPERSONATION}))
    assert check(posing, [], SH).check_court_papers
    assert not check(call(at(10)), [], SH).check_court_papers


def test_the_whole_log_judges_each_entry_with_the_earlier_ones_of_its_day() -> None:
    log = [call(at(h)) for h in (16, 9, 11, 14)]  # not in time order
    verdicts = check_log(log, SH)
    assert [v.rules for v in verdicts] == [(Rule.VOICE_CALLS,), (), (), ()]


def test_a_number_is_its_digits_a_name_its_text() -> None:
    assert number_key("138-0013-8000") == number_key("１３８ ００１３ ８０００") == "13800138000"
    assert number_key("张经理") == "张经理"
    assert number_key(None) is None and number_key("  ") is None


def test_a_contact_needs_an_aware_moment_and_a_sane_count() -> None:
    with pytest.raises(ValueError):
        Contact(datetime(2026, 11, 24, 10), Channel.CALL)
    with pytest.raises(ValueError):
        Contact(at(10), Channel.CALL, attempts=0)


NOW = at(10)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("刚才", NOW),
        ("刚刚", NOW),
        ("昨晚11点", at(23, day=23)),
        ("今天上午10点", at(10)),
        ("今天上午9点半", at(9, 30)),
        ("昨天晚上9点15", at(21, 15, day=23)),
        ("前天下午3点", at(15, day=22)),
        ("晚上10点", at(22, day=23)),  # tonight's is still to come: last night's
        ("7点40", at(7, 40)),
        ("21:30", at(21, 30, day=23)),
        ("凌晨2点", at(2)),
        ("昨晚12点", at(0)),
        ("11月20日 21:30", at(21, 30, day=20)),
        ("11月20日晚上9点", at(21, day=20)),
        ("今早7点", at(7)),
        ("昨天夜里两点", at(2)),
        ("昨晚2点", at(2)),  # the small hours after last evening, never 14:00
        ("昨天晚上1点半", at(1, 30)),
        ("昨天下午2点", at(14, day=23)),
        ("八点", at(8)),
    ],
)
def test_times_people_type(typed: str, expected: datetime) -> None:
    assert read_contact_time(typed, NOW) == expected


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("昨天", TimeProblem.NO_HOUR),
        ("11月20日", TimeProblem.NO_HOUR),
        ("明天10点", TimeProblem.IN_FUTURE),
        ("今天晚上8点", TimeProblem.IN_FUTURE),
        ("25点", TimeProblem.BAD_TIME),
        ("10点70分", TimeProblem.BAD_TIME),
        ("上午15点", TimeProblem.BAD_TIME),
        ("他打了好几次", TimeProblem.NOT_A_TIME),
        ("", TimeProblem.NOT_A_TIME),
        ("2024年1月1日10点", TimeProblem.TOO_OLD),
    ],
)
def test_times_that_are_asked_again(typed: str, problem: TimeProblem) -> None:
    with pytest.raises(TimeError) as raised:
        read_contact_time(typed, NOW)
    assert raised.value.problem is problem


def test_a_time_is_read_in_the_persons_zone() -> None:
    now = datetime(2026, 11, 24, 10, 0, tzinfo=NY)
    moment = read_contact_time("昨晚11点", now)
    assert moment == datetime(2026, 11, 23, 23, 0, tzinfo=NY)
    assert moment.astimezone(SH).hour == 12
    assert read_contact_time("刚才", now) - now == timedelta(0)
