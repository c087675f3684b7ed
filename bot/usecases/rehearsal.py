"""🎭 先练一练: what a rehearsal reads (one lender's script from the person's plan, and how
many rehearsals they have done) and what it writes (its place after each reply, and at the
end one more rehearsal done). What the person types is never passed in here."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.checklist import Material
from bot.domain.plan import build_plan
from bot.domain.script import LenderScript, build_call_scripts
from bot.storage import repo
from bot.usecases.cases import planned_case
from bot.usecases.deps import Deps
from bot.usecases.places import Place, save_place

CONVERSATION_NAME = "rehearsal"


@dataclass(frozen=True, slots=True)
class Practice:
    """One lender's script to rehearse, the papers to have ready, and the seed: the number
    of rehearsals the person has finished."""

    script: LenderScript
    materials: tuple[Material, ...]
    seed: int


async def practice(deps: Deps, user_id: int, lender: int, *, max_periods: int) -> Practice | None:
    """The script of lender number ``lender`` in the person's plan; None without a plan (or
    with fewer lenders)."""
    case = await planned_case(deps, user_id)
    facts = case.facts() if case is not None else None
    if facts is None:
        return None
    today = deps.today()
    scripts = build_call_scripts(facts, build_plan(facts, today, max_periods=max_periods), today)
    if not 0 <= lender < len(scripts.scripts):
        return None
    seed = await repo.rehearsals_done(await deps.database.connection(), user_id)
    return Practice(scripts.scripts[lender], scripts.materials, seed)


async def other_question_open(deps: Deps, key: tuple[int, int]) -> bool:
    """Whether a question of another conversation (the intake, the deal …) is open."""
    names = await repo.open_conversations(await deps.database.connection(), key)
    return bool(names - {CONVERSATION_NAME})


async def save_step(deps: Deps, place: Place) -> None:
    """The rehearsal's place after a reply (None as the state: it ended, nothing counted)."""
    async with deps.database.transaction() as conn:
        await save_place(conn, place)


async def finish(deps: Deps, user_id: int, place: Place) -> None:
    """The last reply: one more rehearsal done, and the rehearsal's place gone."""
    async with deps.database.transaction() as conn:
        await repo.count_rehearsal(conn, user_id)
        await save_place(conn, place)
