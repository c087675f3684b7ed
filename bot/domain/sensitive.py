"""Recognising secrets a user should never send us: ID and card numbers, verification codes.

Such a message is neither stored nor answered as an answer (PIPL Art. 28: collect the minimum).
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


# 18-digit resident ID: 17 digits and a digit or X; separators a user might type are removed
_ID = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
# bank cards: 16 to 19 digits, maybe grouped by spaces or dashes
_CARD = re.compile(r"(?<!\d)(?:\d[ -]?){15,18}\d(?!\d)")
_CODE = re.compile(r"(验证码|校验码|动态码|短信码)[^\d]{0,6}(\d{4,8})(?!\d)")
_PASSWORD = re.compile(r"(密码|口令)\s*(是|为|:|：)\s*\S{4,}")


def find_secret(text: str) -> Secret | None:
    """The kind of secret ``text`` seems to contain, or None."""
    folded = unicodedata.normalize("NFKC", text)
    if _CODE.search(folded):
        return Secret.CODE
    if _PASSWORD.search(folded):
        return Secret.PASSWORD
    if _ID.search(folded.replace(" ", "")):
        return Secret.ID_NUMBER
    if _CARD.search(folded):
        return Secret.CARD_NUMBER
    return None
