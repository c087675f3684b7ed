"""The rehearsal's messages for every golden profile and every response: short enough for
one phone screen, filled in, and made of the person's own numbers."""

from __future__ import annotations

import re

import pytest

from bot.domain import rehearsal as r
from bot.domain.plan import build_plan
from bot.domain.rehearsal import Rehearsal, Response, Step
from bot.domain.script import build_call_scripts
from bot.views import rehearsal as view
from tests.golden.profiles import PROFILES

_TAG = re.compile(r"<[^>]+>")
LIMIT = 300
# replies a person might give, good and bad, at each question
REPLIES = {
    Step.OPENING: ("你好", "我的花呗逾期了，想协商还款"),
    Step.IDENTITY: ("这里是练习", "1234"),
    Step.REASON: ("失业", "我失业了，现在还在找工作，大概三个月能找到"),
    Step.AMOUNT: ("我每月能还1000", "每月还50000", "尽量多还", "拿不出"),
    Step.RESPONSE: ("好的没问题", "我每月最多能拿出这么多，还不上", "那还有别的方案吗", "嗯"),
    Step.CLOSING: ("没有了", "您的工号是多少？能发短信确认吗？", "能在App里显示吗"),
}


def shown(text: str) -> str:
    return _TAG.sub("", text)


def rehearsed() -> list[tuple[str, list[str]]]:
    """Every message of every reply path, for each profile's rehearsable scripts."""
    cases = []
    for name, profile in PROFILES.items():
        plan = build_plan(profile.facts, profile.today)
        scripts = build_call_scripts(profile.facts, plan, profile.today)
        for index, s in enumerate(scripts.scripts):
            if not r.rehearsable(s):
                continue
            f = r.figures(s)
            for response in r.responses_for(f):
                messages = [view.first_message(s, f, r.start(index, f, 0), scripts.materials)]
                for step in Step:
                    for text in REPLIES[step]:
                        state = Rehearsal(index, step, response)
                        coaching = r.coach(state, text, f)
                        after = r.after_reply(state, coaching)
                        messages.append(
                            view.reply_message(s, f, state, coaching, after, scripts.materials)
                        )
                cases.append((f"{name}#{index}:{response.name}", messages))
    return cases


CASES = rehearsed()


def test_every_golden_profile_with_a_negotiation_is_rehearsed_with_each_response():
    assert len({name.split("#")[0] for name, _ in CASES}) >= 12
    responses = {name.rsplit(":", 1)[1] for name, _ in CASES}
    assert responses == {response.name for response in Response}


@pytest.mark.parametrize(("name", "messages"), CASES, ids=[name for name, _ in CASES])
def test_each_message_fits_a_phone_screen_and_is_filled_in(name: str, messages: list[str]):
    for message in messages:
        assert len(shown(message)) <= LIMIT, (len(shown(message)), message)
        assert "{" not in message and "}" not in message
        assert "None" not in message


def test_the_golden_huabei_rehearsal_uses_its_own_numbers():
    profile = PROFILES["unemployed_temporary_huabei"]
    plan = build_plan(profile.facts, profile.today)
    scripts = build_call_scripts(profile.facts, plan, profile.today)
    (s,) = scripts.scripts
    f = r.figures(s)
    first = view.first_message(s, f, r.start(0, f, 0), scripts.materials)
    assert "这里是练习" in first and "95188" in first and first.count("这里是练习") == 1
    twelve = Rehearsal(0, Step.RESPONSE, Response.ONLY_TWELVE)
    assert "1,959 元" in view.question(s, f, twelve, scripts.materials)
    agrees = Rehearsal(0, Step.RESPONSE, Response.AGREES)
    assert "分 14 期，每月 1,679 元，第一期 12月17日" in view.question(
        s, f, agrees, scripts.materials
    )
    papers = Rehearsal(0, Step.RESPONSE, Response.PAPERS)
    asked = view.question(s, f, papers, scripts.materials)
    assert "离职证明" in asked and "小结" not in asked
    coaching = r.coach(twelve, "好的没问题", f)
    note = view.coach_note(s, f, twelve, coaching)
    assert note.startswith("💡 教练：⚠️") and "1,800 元" in note and "1,959 元" in note
