"""The answers benchmark's quick path runs: every update it feeds gets its reply.

No timing is asserted (bench/answers.py prints those); only that the machinery the figures
come from works on the current code: the seeded users are mid-intake, each update is a
valid answer to the question they are on, the real Application takes it and replies.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from bench import answers

USERS = 100


async def test_a_short_window_answers_every_update(tmp_path: Path) -> None:
    store = tmp_path / "bot.sqlite3"
    answers.seed_bot_db(store, USERS)
    arrivals = answers.schedule(30, 1.0, list(range(1, USERS + 1)), seed=1)
    assert arrivals
    this_bot = answers.DESIGNS[0]
    window = await answers.run_window(this_bot, store, arrivals, 1.0, drain=5.0, dirty=[])
    assert window.updates == len(arrivals)
    assert window.never_answered == 0
    # each answer was taken: the person is on the next question
    assert window.accepted == len(arrivals)
    assert window.errors == 0


async def test_the_peer_bots_answer_the_same_updates(tmp_path: Path) -> None:
    probe = tmp_path / "bot.sqlite3"
    answers.seed_bot_db(probe, len(answers.PATH))
    await answers.profile_answers(probe)  # what the same-messages peer sends
    arrivals = answers.schedule(30, 0.5, list(range(1, USERS + 1)), seed=2)
    for design in answers.DESIGNS[2:]:
        store = tmp_path / design.key
        seed = answers.seed_pickle if design.store == "pickle" else answers.seed_minimal_db
        seed(store, USERS)
        window = await answers.run_window(design, store, arrivals, 0.5, drain=5.0, dirty=[])
        assert window.never_answered == 0, design.label
        assert window.errors == 0, design.label


async def test_each_question_of_the_path_takes_its_answer(tmp_path: Path) -> None:
    store = tmp_path / "bot.sqlite3"
    answers.seed_bot_db(store, len(answers.PATH))
    found = await answers.profile_answers(store)
    # one reply at least for each answer, and the database touched for each
    assert all(calls >= 1 for calls in found["calls"])
    assert all(sql >= 1 for sql in found["statements"])
    users = list(range(1, len(answers.PATH) + 1))
    assert answers.accepted(store, users) == len(users)


async def test_the_same_messages_peer_sends_what_this_bot_sends(tmp_path: Path) -> None:
    probe = tmp_path / "bot.sqlite3"
    answers.seed_bot_db(probe, len(answers.PATH))
    await answers.profile_answers(probe)
    store = tmp_path / "minimal.sqlite3"
    answers.seed_minimal_db(store, len(answers.PATH))
    api = answers.TimedApi()
    running = await answers.start_minimal(store, api, same_messages=True)
    try:
        for index in range(len(answers.PATH)):
            update = answers.build_update(api, running.application.bot, index + 1)
            before = len(api.calls)
            await running.application.process_update(update)
            sent = answers.replies_of(api.calls[before:])
            expected = answers.BOT_REPLIES[index]
            # every call, its parameters but the per-chat ids, as many times as this bot's
            assert sorted(sent.calls) == sorted(expected.calls), answers.PATH[index].state
            methods = [method for method, _ in api.calls[before:]]
            tap = answers.PATH[index].tap
            assert methods.count("answerCallbackQuery") == tap
            assert methods.count("editMessageText") == tap
            assert methods.count("sendMessage") == 1
    finally:
        await running.close()


def test_the_cpu_figures_leave_the_windows_users_as_seeded(tmp_path: Path) -> None:
    probe = tmp_path / "probe.sqlite3"
    answers.seed_bot_db(probe, len(answers.PATH))
    asyncio.run(answers.profile_answers(probe))
    stores = {}
    for key in answers.CPU_DESIGNS:
        stores[key] = tmp_path / f"{key}.sqlite3"
        seed = answers.seed_bot_db if key.startswith("bot") else answers.seed_minimal_db
        seed(stores[key], 30)
    before = {key: path.read_bytes() for key, path in stores.items()}
    cpu = answers.measure_cpu(stores, 30, tmp_path)
    assert set(cpu) == set(answers.CPU_DESIGNS)
    # each answer costs CPU, and the in-process Bot API's share of it is counted apart
    assert all(0 < c.api < c.total for c in cpu.values())
    assert {key: path.read_bytes() for key, path in stores.items()} == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith("cpu-")]
