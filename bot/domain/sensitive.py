"""Recognising secrets a user should never send us: ID and card numbers, codes, passwords.

Such a message is neither stored nor answered as an answer (PIPL Art. 28: collect the minimum).
The patterns are narrow on purpose: amounts, dates and lists of numbers are normal answers.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum


class Secret(StrEnum):
    ID_NUMBER = "id_number"
    CARD_NUMBER = "card_number"
    CODE = "verification_code"
    PASSWORD = "password"


_KEYWORD = r"(?:验证码|校验码|动态码|短信码)"
# only punctuation and the words an SMS puts between the keyword and the code
_GLUE = r"[\s:：是为（）()【】\[\]，,请勿泄露给他人的]{0,12}"
# a number followed by a unit is an amount or a date, not a code
_NOT_UNIT = r"(?![\d.元年月日号万块期天个])"
_CODE_AFTER = re.compile(rf"{_KEYWORD}{_GLUE}(\d{{4,8}}){_NOT_UNIT}")
_CODE_BEFORE = re.compile(rf"(?<!\d)\d{{4,8}}\s*[是为]?{_KEYWORD}")
_PASSWORD = re.compile(
    r"(?:密码|口令)\s*(?:是|为|:|：)\s*(?!什么|怎么|多少|不是|啥)[A-Za-z0-9!@#$%^&*._\-]{4,}"
)
_ID = re.compile(r"(?<!\d)\d{17}[\dX](?![\dX])")
_CARD_PLAIN = re.compile(r"(?<!\d)\d{16,19}(?!\d)")
_CARD_GROUPED = re.compile(r"(?<![\d -])\d{4}(?:([ -])\d{4}){3}(?:\1\d{1,3})?(?![\d])")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def _valid_id(number: str) -> bool:
    """The check digit of a resident ID (GB 11643, ISO 7064 MOD 11-2)."""
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17]


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def find_secret(text: str) -> Secret | None:
    """The kind of secret ``text`` seems to contain, or None."""
    folded = unicodedata.normalize("NFKC", text).upper()
    if _CODE_AFTER.search(folded) or _CODE_BEFORE.search(folded):
        return Secret.CODE
    if _PASSWORD.search(unicodedata.normalize("NFKC", text)):
        return Secret.PASSWORD
    compact = re.sub(r"[ -]", "", folded)
    if any(_valid_id(m.group()) for m in _ID.finditer(compact)):
        return Secret.ID_NUMBER
    if _CARD_PLAIN.search(folded):
        return Secret.CARD_NUMBER
    for match in _CARD_GROUPED.finditer(folded):
        if _luhn(re.sub(r"[ -]", "", match.group())):
            return Secret.CARD_NUMBER
    return None
