"""The rehearsal: the bot plays the lender's agent, the person practises the call. Pure.

Only the person's own plan is used (one lender's ``LenderScript``). The agent asks what
agents ask, in order (``Step``): what the call is about, the identity check (answered with
"这里是练习", never real numbers), the reason, what they can pay a month; then it answers
with one of the common responses (``Response``), and asks whether there is anything else.

Which response a rehearsal gets follows from a seed (the number of rehearsals done), so
they vary from one rehearsal to the next and a test can pick one. After each reply the
coach checks four things (``Done``): the amount stated (a number not above the plan's
monthly amount), nothing promised beyond the person's most (a number above it, or "没问题"
to the agent's bigger demand), the agent's 工号 asked, written confirmation asked for.

Everything a rehearsal must remember between messages (which lender, the step, the
response, the four checks) fits in one integer, the conversation's state: no word the
person typed is kept anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import IntEnum, IntFlag

from bot.domain.models import FEN_PER_YUAN
from bot.domain.money import parse_amount
from bot.domain.parsing import ParseError, normalize
from bot.domain.plan import Recommendation
from bot.domain.script import LenderScript

# A case holds at most 8 debts, so at most 8 lenders.
MAX_LENDERS = 8


class Step(IntEnum):
    """The agent's question the person is answering."""

    OPENING = 1  # "请问有什么可以帮您？"
    IDENTITY = 2  # the identity check: "这里是练习"
    REASON = 3  # why they fell behind
    AMOUNT = 4  # what they can pay a month
    RESPONSE = 5  # the agent's answer to the ask
    CLOSING = 6  # "还有别的问题吗？": the 工号 and written confirmation


class Response(IntEnum):
    """What the agent says to the ask."""

    AGREES = 0
    ONLY_TWELVE = 1
    PART_FIRST = 2
    NO_WAIVER = 3
    PAPERS = 4
    REFUSES = 5


class Done(IntFlag):
    """The four things the coach looks for; OVER_PROMISED is the one to avoid."""

    NONE = 0
    AMOUNT = 1
    OVER_PROMISED = 2
    STAFF_ID = 4
    IN_WRITING = 8


# The order responses come in, rehearsal after rehearsal: the most common reply first.
ROTATION = (
    Response.ONLY_TWELVE,
    Response.PART_FIRST,
    Response.NO_WAIVER,
    Response.PAPERS,
    Response.REFUSES,
    Response.AGREES,
)
CHECKS = 4
REHEARSABLE = (
    Recommendation.INSTALLMENTS,
    Recommendation.LONG_INSTALLMENTS,
    Recommendation.PAUSE,
)

# ---- the rehearsal's place, as one integer -------------------------------------------------

STATE_BASE = 700_000
_RESPONSES = 8
_STEPS = 8
_FLAGS = 16
STATE_COUNT = MAX_LENDERS * _FLAGS * _STEPS * _RESPONSES


@dataclass(frozen=True, slots=True)
class Rehearsal:
    """Where a rehearsal is: the lender (its index in the case), the question, the response
    this rehearsal gets and what the person has done so far."""

    lender: int
    step: Step
    response: Response
    done: Done = Done.NONE

    @property
    def code(self) -> int:
        assert 0 <= self.lender < MAX_LENDERS
        number = ((self.lender * _FLAGS + int(self.done)) * _STEPS + self.step) * _RESPONSES
        return STATE_BASE + number + self.response

    @classmethod
    def from_code(cls, code: int) -> Rehearsal | None:
        """The rehearsal a stored state stands for; None if it is not one."""
        number = code - STATE_BASE
        if not 0 <= number < STATE_COUNT:
            return None
        number, response = divmod(number, _RESPONSES)
        number, step = divmod(number, _STEPS)
        lender, flags = divmod(number, _FLAGS)
        if step not in Step._value2member_map_ or response not in Response._value2member_map_:
            return None
        return cls(lender, Step(step), Response(response), Done(flags))


def all_codes() -> range:
    """Every integer a rehearsal's state can be (the conversation needs them all)."""
    return range(STATE_BASE, STATE_BASE + STATE_COUNT)


# ---- the numbers, from the person's own plan -----------------------------------------------


@dataclass(frozen=True, slots=True)
class Figures:
    """What the agent and the coach work with, all from one lender's script.

    ``monthly_fen``: what the plan asks for a month (for a pause, the token amount or 0);
    ``max_fen``: the most the person can pay this lender a month (never promise more);
    ``twelve_fen``: 12 periods a month (the agent's "only 12"), when the ask is longer;
    ``demand_fen``: what the agent wants paid first ("先还一部分"), more than the person has;
    ``debt_fen``: the debt's own figures, which are no offer when the person names them.
    """

    kind: Recommendation
    monthly_fen: int
    max_fen: int
    periods: int | None
    first_due: date | None
    pause_months: int | None
    twelve_fen: int | None
    part_now_fen: int
    demand_fen: int
    debt_fen: frozenset[int]


_HUNDRED_YUAN = 100 * FEN_PER_YUAN


def _round_up(fen: int, step: int) -> int:
    return -(-fen // step) * step


def figures(script: LenderScript) -> Figures:
    ask = script.ask
    if ask.kind is Recommendation.PAUSE:
        monthly = ask.token_fen or 0
    else:
        monthly = ask.monthly_fen or (ask.amounts[0] if ask.amounts else script.share_limit_fen)
    most = max(script.share_limit_fen, monthly)
    part_now = script.fallbacks.part_now_fen
    # the agent asks for a fifth of the debt, and always more than the person can pay now
    demand = max(_round_up(script.base_fen // 5, _HUNDRED_YUAN), part_now + _HUNDRED_YUAN)
    twelve = script.fallbacks.twelve_monthly_fen
    debt = {script.base_fen, script.overdue_fen}
    for line in script.debts:
        debt.add(line.overdue_fen)
        if line.total_due_fen is not None:
            debt.add(line.total_due_fen)
    return Figures(
        kind=ask.kind,
        monthly_fen=monthly,
        max_fen=most,
        periods=ask.periods,
        first_due=ask.first_due,
        pause_months=ask.pause_months,
        twelve_fen=twelve if twelve is not None and twelve > most else None,
        part_now_fen=part_now,
        demand_fen=demand,
        debt_fen=frozenset(debt),
    )


def rehearsable(script: LenderScript) -> bool:
    """Only a negotiation is rehearsed: paying in the app needs no call."""
    return script.ask.kind in REHEARSABLE


def responses_for(f: Figures) -> tuple[Response, ...]:
    """The responses that make sense for this plan, in rotation order."""
    left_out = set()
    if f.twelve_fen is None:
        left_out.add(Response.ONLY_TWELVE)  # the ask is 12 periods or fewer, or it fits
    return tuple(r for r in ROTATION if r not in left_out)


def response_for(f: Figures, seed: int) -> Response:
    """The response of the rehearsal numbered ``seed`` (0 for the first)."""
    choices = responses_for(f)
    return choices[seed % len(choices)]


def start(lender: int, f: Figures, seed: int) -> Rehearsal:
    return Rehearsal(lender, Step.OPENING, response_for(f, seed))


def next_step(step: Step) -> Step | None:
    """The agent's next question after the person answered ``step``; None: it is over."""
    return None if step is Step.CLOSING else Step(step + 1)


# ---- reading a reply -------------------------------------------------------------------------

# A number and what follows it; numerals in Chinese need a 百/千/万 to be an amount.
_NUMBER = re.compile(
    r"(?<![\d.])(\d+(?:,\d{3})*(?:\.\d+)?(?:[百千万kw])?"
    r"|[一二两三四五六七八九十][零一二两三四五六七八九十百千万]*[百千万][零一二两三四五六七八九十]*)"
    r"(元|块钱|块)?"
)
# what makes a number no amount of money: 12期, 3个月, 15号, 第2, 工号是1234
_NOT_MONEY_AFTER = ("期", "个月", "月", "天", "号", "日", "年", "岁", "%", "点", "次", "分钟")
_NOT_MONEY_BEFORE = ("工号", "编号", "尾号", "电话")
# a number after these is the debt itself, not an offer
_DEBT_BEFORE = ("欠", "共", "总", "全部", "一共", "总共", "逾期")
# the person refuses a bigger amount, or says what they cannot do
_COUNTER = (
    "最多",
    "只能",
    "还不上",
    "还不起",
    "还不了",
    "拿不出",
    "做不到",
    "不行",
    "不够",
    "超过",
    "太多",
    "太高",
    "没办法",
    "答应不了",
    "承担不了",
    "付不起",
    "不能答应",
    # a refusal says 同意/答应 too: "我不同意" is no promise
    "不同意",
    "不答应",
    "没法答应",
    "不可以",
    "只有",
)
# a promise to pay what the agent asked
_PROMISE = (
    "保证",
    "一定",
    "没问题",
    "肯定",
    "答应",
    "同意",
    "好的",
    "行吧",
    "可以的",
    "就这样",
    "按您说的",
    "按你说的",
    # the usual ways of giving in to a bigger amount
    "好吧",
    "也行",
    "可以",
    "那就",
    "想办法",
    "凑一凑",
    "凑一下",
    "凑凑",
    "尽量",
)
# borrowing to repay (以贷养贷): never, whatever the amount (domain.md)
_BORROWING = re.compile(
    r"借钱|借点|去借|找.{0,4}借|跟.{0,4}借|向.{0,4}借|网贷|套现|撸口子|借呗借|再借"
)
# "不借钱", "我不想借新的钱": saying no to borrowing is right
_NOT_BORROWING = re.compile(r"(?:不想|不会|不要|不用|不去|没有|没|不|别)[去再找]?借[钱点]?")
# a guarantee of more than the plan: "保证下个月还清"
_GUARANTEE = ("保证", "一定", "肯定")
_ALL_OF_IT = ("还清", "全部", "都还", "一次性")
_STAFF_ID = ("工号", "员工号", "编号", "您的名字", "你的名字", "怎么称呼")
_IN_WRITING = (
    "短信",
    "书面",
    "截图",
    "app里",
    "app上",
    "在app",
    "协议",
    "凭证",
    "确认函",
    "回执",
    "发给我",
    "发我",
    "记录下来",
)
_PURPOSE = ("逾期", "协商", "分期", "还款", "还不上", "困难", "还钱", "延期", "暂缓")
_PAUSE = ("暂缓", "拿不出", "还不了", "还不上", "没有收入", "没收入", "没钱", "停一停")
_PAPERS = ("交", "上传", "提供", "发", "准备", "寄", "拍照", "哪里", "怎么")
_ALTERNATIVE = ("方案", "别的", "其他", "还能", "能办", "回电", "再联系", "怎么办", "投诉", "什么")
_PENALTY = ("算进", "一起", "分期", "继续", "还会不会", "停", "减少", "以后")
_RECAP = ("确认", "对吗", "是吗", "对吧", "复述", "期", "第一期")
SHORT_REASON_CHARS = 6


def _has(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text for w in words)


def _folded(text: str) -> str:
    # "能不能" asks; it is no "不能"
    return normalize(text).replace("能不能", "").replace("行不行", "")


def _amounts(text: str) -> list[tuple[int, str]]:
    """Each amount of money in a reply (fen) with the text before it."""
    s = normalize(text)
    found = []
    for match in _NUMBER.finditer(s):
        token, unit = match[1], match[2]
        before, after = s[: match.start()], s[match.end() :]
        if not unit and after.startswith(_NOT_MONEY_AFTER):
            continue
        if before.endswith("第") or any(w in before[-4:] for w in _NOT_MONEY_BEFORE):
            continue
        try:
            found.append((parse_amount(token), before))
        except ParseError:
            continue
    return found


def amounts_in(text: str) -> tuple[int, ...]:
    """The amounts of money in a reply, in fen, read with the domain's money parser.

    Periods, months, days and dates are left out ("分14期", "12月17日", "3个月"), and so is
    a number after 工号/第.
    """
    return tuple(fen for fen, _ in _amounts(text))


def _offers(text: str, f: Figures) -> tuple[int, ...]:
    """The amounts that read as something the person would pay: not the debt itself."""
    return tuple(
        fen
        for fen, before in _amounts(text)
        if fen not in f.debt_fen and not before[-4:].endswith(_DEBT_BEFORE)
    )


class Note(IntEnum):
    """What the coach says after one reply (the view has the words)."""

    OPENING_GOOD = 1
    OPENING_TIP = 2
    IDENTITY_OK = 3
    IDENTITY_DIGITS = 4
    REASON_GOOD = 5
    REASON_SHORT = 6
    AMOUNT_SAID = 7
    AMOUNT_LOWER = 8
    AMOUNT_CEILING = 9
    AMOUNT_MISSING = 10
    PAUSE_SAID = 11
    OVER_NUMBER = 12
    OVER_AGREED = 13
    BORROWING = 20
    GUARANTEE = 21
    RESPONSE_GOOD = 14
    RESPONSE_TIP = 15
    CLOSING_BOTH = 16
    CLOSING_STAFF = 17
    CLOSING_WRITING = 18
    CLOSING_NEITHER = 19


@dataclass(frozen=True, slots=True)
class Coaching:
    """The coach's note on one reply, the amount it is about, and what was done."""

    note: Note
    done: Done
    amount_fen: int | None = None


def _demand(response: Response, f: Figures) -> int | None:
    """The agent's bigger amount in this response, if it asks for one."""
    if response is Response.ONLY_TWELVE:
        return f.twelve_fen
    if response is Response.PART_FIRST:
        return f.demand_fen
    return None


def _amount_note(text: str, f: Figures) -> tuple[Note, int | None, bool]:
    """At "您每月能还多少": the note, the amount said, and whether it counts as stated."""
    offers = _offers(text, f)
    s = _folded(text)
    within = [fen for fen in offers if fen <= f.monthly_fen]
    if f.kind is Recommendation.PAUSE and (_has(s, _PAUSE) or within):
        return Note.PAUSE_SAID, None, True
    if within:
        fen = max(within)
        if fen == f.monthly_fen:
            return Note.AMOUNT_SAID, fen, True
        return Note.AMOUNT_LOWER, fen, True
    # the most they can pay is an honest, affordable figure: it counts as stated, with a tip
    # to open with the plan's amount and keep some room
    ceiling = [fen for fen in offers if fen <= f.max_fen]
    if ceiling:
        return Note.AMOUNT_CEILING, max(ceiling), True
    return Note.AMOUNT_MISSING, None, False


def _response_good(text: str, response: Response, f: Figures) -> bool:
    s = _folded(text)
    if response is Response.AGREES:
        return _has(s, _RECAP)
    if response in (Response.ONLY_TWELVE, Response.PART_FIRST):
        return _has(s, _COUNTER) or any(fen <= f.max_fen for fen in _offers(text, f))
    if response is Response.NO_WAIVER:
        return _has(s, _PENALTY)
    if response is Response.PAPERS:
        return _has(s, _PAPERS)
    return _has(s, _ALTERNATIVE)


def coach(state: Rehearsal, text: str, f: Figures) -> Coaching:
    """The coach's note on the reply ``text`` to ``state.step``, and what is done after it.

    A promise beyond the person's most comes first, whatever the question.
    """
    s = _folded(text)
    done = state.done
    if _has(s, _STAFF_ID):
        done |= Done.STAFF_ID
    if _has(s, _IN_WRITING):
        done |= Done.IN_WRITING
    step = state.step
    money_step = step in (Step.AMOUNT, Step.RESPONSE, Step.CLOSING)
    if money_step and _BORROWING.search(_NOT_BORROWING.sub("", s)):
        return Coaching(Note.BORROWING, done | Done.OVER_PROMISED)
    if money_step and not _has(s, _COUNTER):
        offers = _offers(text, f)
        above = [fen for fen in offers if fen > f.max_fen]
        if above:
            return Coaching(Note.OVER_NUMBER, done | Done.OVER_PROMISED, max(above))
        # an affordable figure said in the same reply is a counter-offer, not giving in
        countered = any(fen <= f.max_fen for fen in offers)
        demand = _demand(state.response, f)
        giving_in = _has(s, _PROMISE) and not countered
        if step is Step.RESPONSE and demand is not None and giving_in:
            return Coaching(Note.OVER_AGREED, done | Done.OVER_PROMISED, demand)
        if not offers and _has(s, _GUARANTEE) and _has(s, _ALL_OF_IT):
            return Coaching(Note.GUARANTEE, done | Done.OVER_PROMISED)
    if step is Step.OPENING:
        return Coaching(Note.OPENING_GOOD if _has(s, _PURPOSE) else Note.OPENING_TIP, done)
    if step is Step.IDENTITY:
        digits = re.search(r"\d", s) is not None
        return Coaching(Note.IDENTITY_DIGITS if digits else Note.IDENTITY_OK, done)
    if step is Step.REASON:
        short = len(s) < SHORT_REASON_CHARS
        return Coaching(Note.REASON_SHORT if short else Note.REASON_GOOD, done)
    if step is Step.AMOUNT:
        note, fen, stated = _amount_note(text, f)
        return Coaching(note, done | Done.AMOUNT if stated else done, fen)
    if step is Step.RESPONSE:
        good = _response_good(text, state.response, f)
        # the amount, said again to the agent's answer, counts too
        if any(fen <= f.max_fen for fen in _offers(text, f)):
            done |= Done.AMOUNT
        return Coaching(Note.RESPONSE_GOOD if good else Note.RESPONSE_TIP, done)
    staff, writing = Done.STAFF_ID in done, Done.IN_WRITING in done
    if staff and writing:
        return Coaching(Note.CLOSING_BOTH, done)
    if staff:
        return Coaching(Note.CLOSING_WRITING, done)
    if writing:
        return Coaching(Note.CLOSING_STAFF, done)
    return Coaching(Note.CLOSING_NEITHER, done)


def after_reply(state: Rehearsal, coaching: Coaching) -> Rehearsal | None:
    """The rehearsal after a reply; None when the reply answered the last question."""
    step = next_step(state.step)
    if step is None:
        return None
    return Rehearsal(state.lender, step, state.response, coaching.done)


# ---- the score -------------------------------------------------------------------------------


class Check(IntEnum):
    """The four things, in the order the one to do better is chosen."""

    NO_OVER_PROMISE = 1
    AMOUNT = 2
    STAFF_ID = 3
    IN_WRITING = 4


@dataclass(frozen=True, slots=True)
class Score:
    done: tuple[Check, ...]
    missed: tuple[Check, ...]

    @property
    def points(self) -> int:
        return len(self.done)

    @property
    def to_improve(self) -> Check | None:
        """The one thing to do better next time (None: all four were done)."""
        return self.missed[0] if self.missed else None


def score(done: Done) -> Score:
    reached = {
        Check.NO_OVER_PROMISE: Done.OVER_PROMISED not in done,
        Check.AMOUNT: Done.AMOUNT in done,
        Check.STAFF_ID: Done.STAFF_ID in done,
        Check.IN_WRITING: Done.IN_WRITING in done,
    }
    return Score(
        done=tuple(c for c in Check if reached[c]),
        missed=tuple(c for c in Check if not reached[c]),
    )
