"""Recognising secrets a user should never send us: ID and card numbers, codes, passwords.

Such a message is neither stored nor answered as an answer (PIPL Art. 28: collect the minimum).
The patterns are narrow on purpose: amounts, dates and lists of numbers are normal answers.

Text is folded before matching, so a secret cannot hide behind its spelling: NFKC (full-width
digits and letters, the ideographic and non-breaking spaces), upper case, format characters
(zero-width spaces and joiners, bidi marks, soft hyphens) dropped, control characters read
as spaces, and runs of spaces made one.
Every folded character remembers where it came from, so a match can be cut out of the original.

The rules, each one a reviewer can check:

- an ID number: 18 characters (17 digits and a digit or X) with a real region digit, birth date
  and check digit (GB 11643), written plain or in groups; after 身份证/证件号 any 18-character
  ID shape, and an old 15-digit ID with a real birth date;
- a card number: 16-19 digits in a row; or written in groups of 4 (4-4-4-4, plus 1-3 digits
  for a 17-19 digit card) or 8-8, separated by spaces, dashes, dots, ·, _ or /, when it
  passes the Luhn check or a card word (卡, 账号, 账户, card) is near it; groups that look like
  figures (all ending in 0 like "1000 2000 3000 4000", all years, or two dates like
  "20251015 20251115") count only when both hold;
- a code: 4-8 digits after 验证码/校验码/动态码/短信码/确认码/授权码 (traditional characters
  too), or before one; 3-4 digits after CVV/CVN/安全码; a number followed by a unit (元, 月,
  号 …) is not a code;
- a password: after 密码/口令 and 是/为/:/=, 4 or more letters, digits or symbols (not a question
  like "密码是什么"); after 密码 and only a space, 6 or more with at least one digit.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class Secret(StrEnum):
    ID_NUMBER = "id_number"
    CARD_NUMBER = "card_number"
    CODE = "verification_code"
    PASSWORD = "password"


@dataclass(frozen=True, slots=True)
class SecretMatch:
    """One secret found in a text: its kind and where it is, as indexes into the original."""

    kind: Secret
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Folded:
    text: str
    origin: tuple[int, ...]  # the index in the original text of each folded character

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.origin[start], self.origin[end - 1] + 1


def _fold(text: str) -> _Folded:
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        category = unicodedata.category(char)
        if category == "Cf":  # zero-width spaces and joiners, bidi marks, soft hyphen …
            continue
        for folded in unicodedata.normalize("NFKC", char).upper():
            if folded.isspace() or category == "Cc":  # ESC, BEL … separate like a space
                if chars and chars[-1] == " ":
                    continue
                folded = " "
            chars.append(folded)
            origin.append(index)
    return _Folded("".join(chars), tuple(origin))


# --- numbers: runs of digits in groups, perhaps ending in the X of an ID --------------------

_SEPARATOR = r"[ .\-·_/]"
_NUMBER = re.compile(rf"(?<!\d)\d+(?:{_SEPARATOR}\d+)*(?:{_SEPARATOR}?X(?![A-Z]))?")
_GROUP = re.compile(rf"({_SEPARATOR}?)([\dX]+)")
_CARD_WORD = re.compile(r"卡|[账帐賬帳][号號户戶]|CARD")
_ID_WORD = re.compile(r"身份[证證]|[证證]件[号號]|身份[号號]")
_WORD_BEFORE = 10  # characters looked at before a number for a card or ID word
_WORD_AFTER = 6
_LONGEST = 19  # digits of the longest card
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def _real_date(year: int, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    return day <= days


def _valid_id(number: str) -> bool:
    """A resident ID: region, birth date and check digit (GB 11643, ISO 7064 MOD 11-2)."""
    if len(number) != 18 or not number[:17].isdigit() or number[0] not in "12345678":
        return False
    year, month, day = int(number[6:10]), int(number[10:12]), int(number[12:14])
    if not 1900 <= year <= 2099 or not _real_date(year, month, day):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17]


def _id_shape(number: str) -> bool:
    """18 characters of an ID (check digit not checked), or an old 15-digit ID."""
    if len(number) == 18:
        return number[:17].isdigit() and (number[17].isdigit() or number[17] == "X")
    if len(number) == 15 and number.isdigit():
        return _real_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    return False


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _card_groups(sizes: list[int]) -> bool:
    """4-4-4-4 or 8-8, with a last group of 1-3 digits for a 17-19 digit card."""
    body, tail = (sizes[:-1], sizes[-1]) if sizes[-1] < 4 else (sizes, 0)
    return body in ([4, 4, 4, 4], [8, 8]) and tail <= 3


def _is_year(digits: str) -> bool:
    return digits[:2] in ("19", "20")


def _looks_like_figures(groups: list[str]) -> bool:
    """Round amounts ("1000 2000 3000 4000"), years, or two dates ("20251015 20251115")."""
    if all(g.endswith("0") for g in groups) or all(len(g) == 4 and _is_year(g) for g in groups):
        return True
    return all(
        len(g) == 8 and _is_year(g) and _real_date(int(g[:4]), int(g[4:6]), int(g[6:]))
        for g in groups
    )


def _near(pattern: re.Pattern[str], folded: str, start: int, end: int) -> bool:
    return bool(
        pattern.search(folded, max(0, start - _WORD_BEFORE), start)
        or pattern.search(folded, end, end + _WORD_AFTER)
    )


def _number_kind(
    folded: str, groups: list[tuple[str, str, int, int]], i: int, j: int
) -> Secret | None:
    """What groups i..j (inclusive) of one number are, if secret."""
    window = groups[i : j + 1]
    number = "".join(digits for _, digits, _, _ in window)
    if not 15 <= len(number) <= _LONGEST:
        return None
    start, end = window[0][2], window[-1][3]
    if _valid_id(number):
        return Secret.ID_NUMBER
    if _id_shape(number) and _near(_ID_WORD, folded, start, end):
        return Secret.ID_NUMBER
    if "X" in number:
        return None
    if len(window) == 1 and 16 <= len(number) <= 19:
        return Secret.CARD_NUMBER
    if not _card_groups([len(d) for _, d, _, _ in window]):
        return None
    word = _near(_CARD_WORD, folded, start, end)
    luhn = _luhn(number)
    if _looks_like_figures([d for _, d, _, _ in window if len(d) >= 4]):
        return Secret.CARD_NUMBER if word and luhn else None
    return Secret.CARD_NUMBER if word or luhn else None


def _numbers(folded: str) -> list[tuple[Secret, int, int]]:
    found: list[tuple[Secret, int, int]] = []
    for match in _NUMBER.finditer(folded):
        groups = [
            (g.group(1), g.group(2), g.start(2), g.end(2))
            for g in _GROUP.finditer(folded, match.start(), match.end())
        ]
        i = 0
        while i < len(groups):
            # the longest secret starting at group i (at most 19 digits); the search goes on
            # after it
            last, length = i, len(groups[i][1])
            while last + 1 < len(groups) and length + len(groups[last + 1][1]) <= _LONGEST:
                last += 1
                length += len(groups[last][1])
            for j in range(last, i - 1, -1):
                kind = _number_kind(folded, groups, i, j)
                if kind is not None:
                    found.append((kind, groups[i][2], groups[j][3]))
                    i = j
                    break
            i += 1
    return found


# --- codes and passwords ---------------------------------------------------------------------

_KEYWORD = r"(?:[验驗][证證]|校[验驗]|[动動][态態]|短信|[简簡]訊|[确確][认認]|授[权權])[码碼]"
# only punctuation and the words an SMS puts between the keyword and the code
_GLUE = r"[\s:：是为為（）()【】\[\]，,请請勿泄洩露给給他人的]{0,12}"
_CODE_DIGITS = r"\d(?: ?\d){3,7}"
# a number followed by a unit is an amount or a date, not a code
_NOT_UNIT = r"(?![\d.元年月日号號万萬块塊期天个個%])"
_CODE_AFTER = re.compile(rf"{_KEYWORD}{_GLUE}({_CODE_DIGITS}){_NOT_UNIT}")
_CODE_BEFORE = re.compile(rf"(?<![\d.])({_CODE_DIGITS})\s*[是为為]?{_KEYWORD}")
_CARD_CODE = re.compile(r"(?:CVV2?|CVN2?|安全[码碼])\s*[:：是为為]?\s*(\d{3,4})(?!\d)")
_PASSWORD_WORD = r"(?:密[码碼]|口令)"
_QUESTION = r"(?!什么|什麼|怎么|怎麼|多少|不是|啥|忘|错|錯)"
_PASSWORD_TOKEN = r"[A-Z0-9!@#$%^&*._\-+=?]"
_PASSWORD = re.compile(
    rf"{_PASSWORD_WORD}\s*(?:是|为|為|:|：|=)\s*{_QUESTION}({_PASSWORD_TOKEN}{{4,}})"
)
_PASSWORD_BARE = re.compile(
    rf"{_PASSWORD_WORD}\s*((?=[A-Z!@#$%^&*._\-+=?]*\d){_PASSWORD_TOKEN}{{6,}})"
)


def _words(folded: str) -> list[tuple[Secret, int, int]]:
    found: list[tuple[Secret, int, int]] = []
    for pattern in (_CODE_AFTER, _CODE_BEFORE, _CARD_CODE):
        found += [(Secret.CODE, m.start(1), m.end(1)) for m in pattern.finditer(folded)]
    for pattern in (_PASSWORD, _PASSWORD_BARE):
        found += [(Secret.PASSWORD, m.start(1), m.end(1)) for m in pattern.finditer(folded)]
    return found


_PRIORITY = (Secret.CODE, Secret.PASSWORD, Secret.ID_NUMBER, Secret.CARD_NUMBER)


def find_secrets(text: str) -> list[SecretMatch]:
    """Every secret in ``text``, by position in ``text`` (overlaps are merged into the first)."""
    folded = _fold(text)
    spans = sorted(
        (*folded.span(start, end), _PRIORITY.index(kind), kind)
        for kind, start, end in _words(folded.text) + _numbers(folded.text)
    )
    merged: list[SecretMatch] = []
    for start, end, _, kind in spans:
        if merged and start < merged[-1].end:
            last = merged[-1]
            merged[-1] = SecretMatch(last.kind, last.start, max(last.end, end))
        else:
            merged.append(SecretMatch(kind, start, end))
    return merged


def find_secret(text: str) -> Secret | None:
    """The kind of secret ``text`` seems to contain (a code or password first), or None."""
    kinds = {match.kind for match in find_secrets(text)}
    return next((kind for kind in _PRIORITY if kind in kinds), None)


REDACTED = "＊＊＊"


def redact_secrets(text: str) -> str:
    """``text`` with every secret replaced by ＊＊＊ (the words around it are kept)."""
    pieces: list[str] = []
    position = 0
    for match in find_secrets(text):
        pieces += [text[position : match.start], REDACTED]
        position = match.end
    pieces.append(text[position:])
    return "".join(pieces)
