"""What one intake answer changes: a field of the case, or of the debt being asked about.

The intake passes ``{CaseField.INCOME: 800_000}`` rather than a column name, and the
repository maps each field to its column and checks the value's type before writing it
(a wrong type raises ``TypeError``: a bug, never the user's input). The value each takes:

- ``CaseField``: STEP ``int | None`` (the question the user is on), EDITING ``bool``
  (answering a "change X" from the summary), CURRENT_DEBT ``int | None`` (the debt asked
  about), HARDSHIP_REASON ``HardshipReason``, HARDSHIP_NOTE ``str | None``,
  HARDSHIP_TEMPORARY ``bool``, HARDSHIP_MONTHS ``int | None``, INCOME, ESSENTIALS and
  OTHER_DEBTS ``int`` (fen a month), PAYDAY ``int | None`` (None: irregular),
  PAYDAY_ANSWERED and ESSENTIALS_CHECKED ``bool``.
- ``DebtField``: PRODUCT ``Product``, AMOUNT ``int`` (fen overdue), OVERDUE_SINCE ``date``,
  DAILY_RATE ``int | None`` (ppm a day; None: unknown), RATE_ANSWERED ``bool``,
  RATE_BASIS ``RateBasis``, TOTAL_DUE ``int | None`` (fen; None: unknown),
  TOTAL_ANSWERED ``bool``.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum, auto


class CaseField(Enum):
    STEP = auto()
    EDITING = auto()
    CURRENT_DEBT = auto()
    HARDSHIP_REASON = auto()
    HARDSHIP_NOTE = auto()
    HARDSHIP_TEMPORARY = auto()
    HARDSHIP_MONTHS = auto()
    INCOME = auto()
    ESSENTIALS = auto()
    OTHER_DEBTS = auto()
    PAYDAY = auto()
    PAYDAY_ANSWERED = auto()
    ESSENTIALS_CHECKED = auto()


class DebtField(Enum):
    PRODUCT = auto()
    AMOUNT = auto()
    OVERDUE_SINCE = auto()
    DAILY_RATE = auto()
    RATE_ANSWERED = auto()
    RATE_BASIS = auto()
    TOTAL_DUE = auto()
    TOTAL_ANSWERED = auto()


# what one answer changes, field by field
CaseChanges = Mapping[CaseField, object]
DebtChanges = Mapping[DebtField, object]
