"""Free text a person wrote, made safe to store: no hidden characters and no secrets.

The storage layer passes every free-text value through here (the hardship note, the call note,
the agent's 工号), so nothing that slipped past the message guard (a caption, an edit, a new
question someone adds later) can put a card number or a bidi trick into the database.
The text stays as the person wrote it otherwise: Chinese, full-width punctuation, emoji and
line breaks are kept; it is not NFKC-normalised (that is only for matching secrets).
"""

from __future__ import annotations

import unicodedata

from bot.domain.sensitive import find_secrets, redact_secrets

# generous: the questions themselves allow 200 characters; this only caps what a forged or
# unforeseen path could write
MAX_FREE_TEXT_CHARS = 500
MAX_STAFF_ID_CHARS = 20
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
_ZWJ = "\u200d"
# what a zero-width joiner may join: emoji, their modifiers and variation selectors
_EMOJI_PARTS = frozenset({"So", "Sk", "Mn", "Me"})
_MAX_BLANK_LINES = 1


def _keeps_joiner(before: str, after: str) -> bool:
    return bool(before and after) and all(
        unicodedata.category(c) in _EMOJI_PARTS for c in (before[-1], after[0])
    )


def strip_hidden(text: str) -> str:
    """``text`` without control, bidi-override or zero-width characters.

    C0 and C1 controls (ESC, BEL …) go, except line breaks (kept as ``\\n``) and tabs (read as a
    space); every format character goes (bidi embeddings, overrides, isolates and marks
    U+202A-U+202E, U+2066-U+2069, U+200E/U+200F, zero-width spaces, soft hyphens, BOM …),
    except a zero-width joiner inside an emoji (👨‍👩‍👧); lone surrogates go too.
    """
    pieces: list[str] = []
    text = text.replace("\r\n", "\n")
    for index, char in enumerate(text):
        if char in _LINE_BREAKS:
            pieces.append("\n")
            continue
        category = unicodedata.category(char)
        if char == _ZWJ and _keeps_joiner("".join(pieces[-1:]), text[index + 1 : index + 2]):
            pieces.append(char)
        elif category == "Cc":
            if char == "\t":
                pieces.append(" ")
        elif category not in ("Cf", "Cs"):
            pieces.append(char)
    return "".join(pieces)


def _tidy(text: str) -> str:
    """Spaces collapsed within each line, lines trimmed, at most one blank line in a row."""
    lines: list[str] = []
    blank = 0
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        blank = blank + 1 if not line else 0
        if blank <= _MAX_BLANK_LINES:
            lines.append(line)
    return "\n".join(lines).strip()


def storable_text(text: str | None, max_chars: int = MAX_FREE_TEXT_CHARS) -> str | None:
    """What may be stored of ``text``: hidden characters removed, secrets replaced by ＊＊＊.

    Secrets are looked for both before the hidden characters go (where an ESC between digit
    groups reads as a space) and after (where a zero-width space between digits joins them),
    and before the text is cut to ``max_chars``, so a number cut in half at the end cannot slip
    through. Empty text becomes None.
    """
    if text is None:
        return None
    safe = redact_secrets(_tidy(strip_hidden(redact_secrets(text))))
    return safe[:max_chars].rstrip() or None


def storable_staff_id(staff_id: str | None) -> str | None:
    """The agent's 工号 as stored: None when it is not one (it looks like a secret, or is empty)."""
    if staff_id is None:
        return None
    cleaned = _tidy(strip_hidden(staff_id))
    if not cleaned or find_secrets(staff_id) or find_secrets(cleaned):
        return None
    return cleaned[:MAX_STAFF_ID_CHARS]
