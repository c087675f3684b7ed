"""Each intake answer reads what it needs once and writes it in one transaction (issue 15,
point 5): nothing the handler already holds is read again, before or after the commit.

The answers go through the real Application (the benchmark's own set-up: users mid-intake,
each update the answer to the question they are on); the SQL is seen through a trace
callback on the bot's connection. Counts, not times: the times are bench/answers.py's.
"""

from __future__ import annotations

from pathlib import Path

from bench import answers
from bot.services import SERVICES_KEY


async def _statements_of_each_answer(store: Path) -> list[list[str]]:
    api = answers.TimedApi()
    running = await answers.start_bot(answers.DESIGNS[1], store, api)
    application = running.application
    conn = await application.bot_data[SERVICES_KEY].database.connection()
    seen: list[str] = []
    await conn.set_trace_callback(lambda sql: seen.append(" ".join(sql.split())))
    each: list[list[str]] = []
    try:
        for index in range(len(answers.PATH)):
            update = answers.build_update(api, application.bot, index + 1)
            seen.clear()
            await application.process_update(update)
            each.append(list(seen))
    finally:
        await conn.set_trace_callback(None)
        await running.close()
    return each


async def test_an_answer_reads_once_and_commits_once(tmp_path: Path) -> None:
    store = tmp_path / "bot.sqlite3"
    answers.seed_bot_db(store, len(answers.PATH))
    for step, statements in zip(answers.PATH, await _statements_of_each_answer(store), strict=True):
        where = f"{step.state.name}: {statements}"
        assert statements.count("BEGIN") == 1 and statements.count("COMMIT") == 1, where
        committed = statements.index("COMMIT")
        # the next question is asked from what the writes returned: no read after the commit
        assert not [s for s in statements[committed + 1 :] if s.startswith("SELECT")], where
        reads = [s for s in statements if s.startswith("SELECT")]
        assert len([s for s in reads if " FROM cases " in s]) == 1, where
        assert len([s for s in reads if " FROM users " in s]) <= 1, where
        assert not [s for s in reads if " FROM debts " in s], where  # they come with the case
        assert len(statements) <= 8, where
