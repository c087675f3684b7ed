"""The rehearsal's agent and coach, apart from Telegram: which response a rehearsal gets,
which question comes next, what the coach notices in a reply, and the score."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain import rehearsal as r
from bot.domain.models import Debt, Product
from bot.domain.plan import Recommendation, build_plan
from bot.domain.rehearsal import Done, Note, Rehearsal, Response, Step
from bot.domain.script import LenderScript, build_call_scripts
from tests.domain.test_script import HUABEI, TODAY, case, yuan


def script_of(facts: object) -> LenderScript:
    (s,) = build_call_scripts(facts, build_plan(facts, TODAY), TODAY).scripts  # type: ignore[arg-type]
    return s


GOLDEN = script_of(case(HUABEI, payday=15))  # 14 × 1,679, at most 1,800, 12 periods 1,959
F = r.figures(GOLDEN)
PAUSE = script_of(case(HUABEI, income=0, essentials=1_500))
TWELVE_OR_FEWER = script_of(
    case(Debt(Product.HUABEI, yuan(20_000), date(2026, 10, 15)), income=5_000, essentials=2_000)
)


def at(step: Step, response: Response = Response.ONLY_TWELVE, done: Done = Done.NONE) -> Rehearsal:
    return Rehearsal(0, step, response, done)


# --- the numbers, from the plan ---------------------------------------------------------------


def test_the_figures_are_the_plans_own():
    assert (F.kind, F.monthly_fen, F.max_fen) == (Recommendation.INSTALLMENTS, 167_900, 180_000)
    assert (F.periods, F.first_due) == (14, date(2026, 12, 17))
    assert F.twelve_fen == yuan(1_959)
    assert F.part_now_fen == yuan(1_800)
    # a fifth of the debt, more than the person can pay now
    assert F.demand_fen == yuan(4_700) > F.part_now_fen
    assert yuan(23_500) in F.debt_fen


def test_a_pause_states_its_token_or_nothing():
    f = r.figures(PAUSE)
    assert f.kind is Recommendation.PAUSE and f.monthly_fen == 0 and f.max_fen == 0
    assert f.pause_months == 3 and f.twelve_fen is None
    assert f.demand_fen > 0


def test_only_negotiations_are_rehearsed():
    assert r.rehearsable(GOLDEN) and r.rehearsable(PAUSE)
    small = script_of(case(Debt(Product.HUABEI, yuan(1_000), date(2026, 11, 1))))
    assert small.ask.kind is Recommendation.PAY_NOW and not r.rehearsable(small)


# --- which response ---------------------------------------------------------------------------


def test_the_response_varies_from_one_rehearsal_to_the_next():
    assert [r.response_for(F, seed) for seed in range(6)] == list(r.ROTATION)
    assert r.response_for(F, 6) is r.ROTATION[0]
    assert r.response_for(F, 3) is r.response_for(F, 3)  # deterministic
    assert r.ROTATION[0] is Response.ONLY_TWELVE and set(r.ROTATION) == set(Response)


def test_only_twelve_is_left_out_where_twelve_periods_would_fit():
    f = r.figures(TWELVE_OR_FEWER)
    assert TWELVE_OR_FEWER.ask.periods == 12 and f.twelve_fen is None
    assert Response.ONLY_TWELVE not in r.responses_for(f)
    assert Response.ONLY_TWELVE not in r.responses_for(r.figures(PAUSE))
    assert len(r.responses_for(f)) == 5
    assert r.response_for(f, 0) is Response.PART_FIRST


def test_the_questions_come_in_order_and_end_after_the_closing():
    state = r.start(2, F, seed=1)
    assert (state.lender, state.step, state.response) == (2, Step.OPENING, Response.PART_FIRST)
    seen = []
    while state is not None:
        seen.append(state.step)
        state = r.after_reply(state, r.coach(state, "这里是练习", F))
    assert seen == list(Step)


def test_the_state_is_one_integer_and_back():
    codes = set()
    for lender in range(r.MAX_LENDERS):
        for step in Step:
            for response in Response:
                for flags in range(16):
                    state = Rehearsal(lender, step, response, Done(flags))
                    assert Rehearsal.from_code(state.code) == state
                    assert state.code in r.all_codes()
                    codes.add(state.code)
    assert len(codes) == r.MAX_LENDERS * len(Step) * len(Response) * 16
    # the intake's and the deal's states are no rehearsal
    assert Rehearsal.from_code(14) is None and Rehearsal.from_code(113) is None
    assert Rehearsal.from_code(r.STATE_BASE) is None  # step 0 does not exist


# --- reading a reply --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("我每个月能还1679元", (167_900,)),
        ("最多一千八", (180_000,)),
        ("我每月最多能还 1,800 块", (180_000,)),
        ("1.8千", (180_000,)),
        ("分14期，第一期12月17日", ()),
        ("大概3个月后能找到工作", ()),
        ("您的工号是12345吗", ()),
        ("这里是练习", ()),
        ("千万别这样，万一还不上呢", ()),
    ],
)
def test_amounts_are_read_with_the_money_parser(text: str, amounts: tuple[int, ...]):
    assert r.amounts_in(text) == amounts


# --- the coach --------------------------------------------------------------------------------


def test_the_amount_stated_as_the_plan_has_it():
    c = r.coach(at(Step.AMOUNT), "我每个月能还1679元", F)
    assert c.note is Note.AMOUNT_SAID and c.amount_fen == 167_900
    assert Done.AMOUNT in c.done and Done.OVER_PROMISED not in c.done


def test_a_lower_amount_counts_too():
    c = r.coach(at(Step.AMOUNT), "先每月还1500吧", F)
    assert c.note is Note.AMOUNT_LOWER and Done.AMOUNT in c.done


def test_the_ceiling_counts_as_stated_with_a_tip_to_keep_room():
    c = r.coach(at(Step.AMOUNT), "每月1800", F)
    assert c.note is Note.AMOUNT_CEILING
    assert Done.AMOUNT in c.done and Done.OVER_PROMISED not in c.done


def test_no_number_gets_the_plans_number_as_a_tip():
    c = r.coach(at(Step.AMOUNT), "我尽量多还一点", F)
    assert c.note is Note.AMOUNT_MISSING and c.done == Done.NONE


def test_a_number_above_the_most_is_a_promise_too_many():
    c = r.coach(at(Step.AMOUNT), "每月还2500", F)
    assert c.note is Note.OVER_NUMBER and c.amount_fen == yuan(2_500)
    assert Done.OVER_PROMISED in c.done and Done.AMOUNT not in c.done


def test_naming_the_debt_is_no_promise():
    c = r.coach(at(Step.AMOUNT), "我一共欠23500，每月能还1679", F)
    assert c.note is Note.AMOUNT_SAID and Done.OVER_PROMISED not in c.done


def test_agreeing_to_twelve_periods_above_the_most_is_caught():
    c = r.coach(at(Step.RESPONSE, Response.ONLY_TWELVE), "好的，没问题", F)
    assert c.note is Note.OVER_AGREED and c.amount_fen == yuan(1_959)
    assert Done.OVER_PROMISED in c.done
    c = r.coach(at(Step.RESPONSE, Response.ONLY_TWELVE), "行，每月1959我保证按时还", F)
    assert c.note is Note.OVER_NUMBER and Done.OVER_PROMISED in c.done


def test_answering_twelve_periods_with_the_scripts_line_is_good():
    said = "12期的话每月要1959元，我每月最多能拿出1800元，能不能分14期？"
    c = r.coach(at(Step.RESPONSE, Response.ONLY_TWELVE), said, F)
    assert c.note is Note.RESPONSE_GOOD and Done.OVER_PROMISED not in c.done


def test_pay_part_first():
    part = at(Step.RESPONSE, Response.PART_FIRST)
    assert r.coach(part, "好的，我一定先还4700", F).note is Note.OVER_NUMBER
    assert r.coach(part, "好的", F).note is Note.OVER_AGREED
    good = r.coach(part, "我最多能先还1800", F)
    assert good.note is Note.RESPONSE_GOOD and Done.OVER_PROMISED not in good.done
    assert r.coach(part, "嗯", F).note is Note.RESPONSE_TIP


@pytest.mark.parametrize(
    ("response", "good", "tip"),
    [
        (Response.AGREES, "好的，我确认一下：每月1679，分14期，对吗？", "好的"),
        (Response.NO_WAIVER, "那罚息能不能一起算进分期？", "哦"),
        (Response.PAPERS, "可以提供，交到哪里？", "嗯嗯"),
        (Response.REFUSES, "那现在能办的方案有哪些？", "好吧"),
    ],
)
def test_each_response_coached(response: Response, good: str, tip: str):
    state = at(Step.RESPONSE, response)
    right = r.coach(state, good, F)
    assert right.note is Note.RESPONSE_GOOD and Done.OVER_PROMISED not in right.done
    wrong = r.coach(state, tip, F)
    assert wrong.note is Note.RESPONSE_TIP and Done.OVER_PROMISED not in wrong.done


def test_agreeing_to_the_plans_own_offer_is_no_over_promise():
    c = r.coach(at(Step.RESPONSE, Response.AGREES), "好的没问题，谢谢", F)
    assert Done.OVER_PROMISED not in c.done


def test_the_amount_said_again_to_the_agents_answer_counts():
    c = r.coach(at(Step.RESPONSE, Response.REFUSES), "我每月能还1679，还有别的方案吗", F)
    assert Done.AMOUNT in c.done and c.note is Note.RESPONSE_GOOD


def test_the_opening_identity_and_reason():
    assert r.coach(at(Step.OPENING), "我的花呗逾期了，想协商还款", F).note is Note.OPENING_GOOD
    assert r.coach(at(Step.OPENING), "你好", F).note is Note.OPENING_TIP
    assert r.coach(at(Step.IDENTITY), "这里是练习", F).note is Note.IDENTITY_OK
    assert r.coach(at(Step.IDENTITY), "张三 1234", F).note is Note.IDENTITY_DIGITS
    assert r.coach(at(Step.REASON), "失业", F).note is Note.REASON_SHORT
    assert r.coach(at(Step.REASON), "我失业了，正在找工作", F).note is Note.REASON_GOOD
    # the debt or a date named before the amount question is no promise
    c = r.coach(at(Step.OPENING), "我的花呗23500逾期了", F)
    assert Done.OVER_PROMISED not in c.done


def test_the_closing_asks_for_the_staff_id_and_writing():
    closing = at(Step.CLOSING)
    both = r.coach(closing, "麻烦问一下您的工号？方案能发短信给我吗？", F)
    assert both.note is Note.CLOSING_BOTH
    assert Done.STAFF_ID in both.done and Done.IN_WRITING in both.done
    assert r.coach(closing, "您的工号是多少？", F).note is Note.CLOSING_WRITING
    assert r.coach(closing, "能在App里显示吗", F).note is Note.CLOSING_STAFF
    assert r.coach(closing, "没有了，谢谢", F).note is Note.CLOSING_NEITHER
    # asked earlier in the call counts at the end
    earlier = at(Step.CLOSING, done=Done.STAFF_ID)
    assert r.coach(earlier, "能发个短信确认吗", F).note is Note.CLOSING_BOTH


def test_a_pause_states_that_nothing_can_be_paid_now():
    f = r.figures(PAUSE)
    said = r.coach(at(Step.AMOUNT), "我现在没有收入，拿不出钱，想先暂缓3个月", f)
    assert said.note is Note.PAUSE_SAID and Done.AMOUNT in said.done
    over = r.coach(at(Step.AMOUNT), "每月还500", f)
    assert over.note is Note.OVER_NUMBER and Done.OVER_PROMISED in over.done


# --- the score --------------------------------------------------------------------------------


def test_the_score_and_the_one_thing_to_do_better():
    everything = Done.AMOUNT | Done.STAFF_ID | Done.IN_WRITING
    assert r.score(everything).points == 4 and r.score(everything).to_improve is None
    three = r.score(Done.AMOUNT | Done.STAFF_ID)
    assert three.points == 3 and three.to_improve is r.Check.IN_WRITING
    over = r.score(everything | Done.OVER_PROMISED)
    assert over.points == 3 and over.to_improve is r.Check.NO_OVER_PROMISE
    nothing = r.score(Done.OVER_PROMISED)
    assert nothing.points == 0 and nothing.to_improve is r.Check.NO_OVER_PROMISE
    assert r.score(Done.NONE).to_improve is r.Check.AMOUNT


# --- read by an adviser: refusals are right, giving in and borrowing are not -------------------


@pytest.mark.parametrize("said", ["我不同意", "这个我不答应", "这个我没法答应", "12期不可以"])
def test_refusing_the_bigger_amount_is_never_scolded(said):
    c = r.coach(at(Step.RESPONSE, Response.ONLY_TWELVE), said, F)
    assert c.note is not Note.OVER_AGREED and Done.OVER_PROMISED not in c.done


@pytest.mark.parametrize("said", ["好吧", "那就12期吧", "12期也行，我想想办法", "我想办法凑一下"])
def test_the_usual_ways_of_giving_in_are_caught(said):
    c = r.coach(at(Step.RESPONSE, Response.ONLY_TWELVE), said, F)
    assert c.note is Note.OVER_AGREED and Done.OVER_PROMISED in c.done


@pytest.mark.parametrize("said", ["我可以借钱先还一部分", "我找我爸借", "那我去借网贷先还上"])
def test_borrowing_to_repay_is_flagged_at_any_amount(said):
    c = r.coach(at(Step.RESPONSE, Response.PART_FIRST), said, F)
    assert c.note is Note.BORROWING and Done.OVER_PROMISED in c.done


def test_saying_no_to_borrowing_is_no_borrowing():
    c = r.coach(at(Step.RESPONSE, Response.PART_FIRST), "我最多能先还1800元，我不想借钱", F)
    assert c.note is not Note.BORROWING and Done.OVER_PROMISED not in c.done


def test_an_affordable_counter_offer_wins_over_the_word_no_problem():
    c = r.coach(at(Step.RESPONSE, Response.ONLY_TWELVE), "没问题，每月1800可以", F)
    assert c.note is not Note.OVER_AGREED and Done.OVER_PROMISED not in c.done


def test_guaranteeing_to_clear_it_all_is_flagged():
    c = r.coach(at(Step.AMOUNT), "保证下个月还清", F)
    assert c.note is Note.GUARANTEE and Done.OVER_PROMISED in c.done
