-- The chat messages that carried an export (/export): the files themselves are never stored,
-- but /delete asks Telegram to remove these messages too (possible for 48 hours).
CREATE TABLE sent_exports (
    user_id    INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    sent_at    TEXT NOT NULL,
    PRIMARY KEY (user_id, message_id)
) WITHOUT ROWID;
