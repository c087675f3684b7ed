"""What a user does after the plan, one async function each, one transaction each.

A use case takes what it needs (``Deps``: the database and the clock; ``bot.services.Services``
is one) and plain typed arguments, and returns domain values or a small frozen dataclass for
the view. It never imports Telegram (tests/usecases/test_purity.py checks), so it is tested
on a real SQLite file without the Application.

- ``payments``: mark an installment paid (the agreed or another amount), undo it
- ``snooze``: the snooze times still possible, and queueing one
- ``settings``: change one reminder setting and replan the reminders ahead
- ``deals``: record an agreed deal, a refused call, a reminder to call again
- ``deletion``: erase everything about a user
- ``planning``: the reminder-planning steps the others run inside their transaction
"""
