"""What a user does, one async function each, one transaction each.

A use case takes what it needs (``Deps``: the database and the clock; ``bot.services.Services``
is one) and plain typed arguments, and returns domain values or a small frozen dataclass for
the view. It never imports Telegram (tests/usecases/test_usecases_purity.py checks), so it is tested
on a real SQLite file without the Application.

- ``intake``: start, agree, restart, save an answer with the next place, confirm the case
- ``cases``: the open case, or the planned one; ``places``: where a conversation stands
- ``status``: the case, the deal's installments and an open amount question, for /status
- ``calls``: the call log; ``privacy``: whether a question is open (the secret guard)
- ``activity``: whether a user is known, and noting that they came back
- ``installments``: the plan's installments and the calendar export's events
- ``payments``: mark an installment paid (the agreed or another amount), undo it
- ``snooze``: the snooze times still possible, and queueing one
- ``settings``: change one reminder setting and replan the reminders ahead
- ``deals``: record an agreed deal, a refused call, a reminder to call again; the draft
- ``deletion``: erase everything about a user
- ``replanning``: a new proposal for what is left of the running deals, with today's budget
- ``planning``: the reminder-planning steps the others run inside their transaction
- ``nudges``: the "打了吗？" nudges queued with a plan, a nudge's buttons, stopped by a call
- ``outcomes``: the operator's counts of how deals end (no personal data)
- ``rehearsal``: 🎭 先练一练: a lender's script to practise, its place, one more rehearsal done
"""
