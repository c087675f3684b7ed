"""The questions of recording a call's outcome. Values are persisted: never renumber."""

from __future__ import annotations

from enum import IntEnum


class DealState(IntEnum):
    OUTCOME = 101
    WHICH_DEBT = 102
    KIND = 103
    PERIODS = 104
    AMOUNT = 105
    FIRST_DUE = 106
    DUE_DAY = 107
    PAUSE_UNTIL = 108
    SINGLE_AMOUNT = 109
    SINGLE_DATE = 110
    STAFF_ID = 111
    NOTE = 112
    CONFIRM = 113
    CALL_AGAIN = 114
    SUGGESTED_WHICH = 115
