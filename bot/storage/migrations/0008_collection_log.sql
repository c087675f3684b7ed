-- The collection log: each time a collector got in touch, as the person logged it, so the
-- bot can say which rule it breaks and the person can complain with dates and numbers.
-- contacted_at is UTC (the day and hour are the person's local ones, computed when read).
-- who is free text made safe to keep (a phone number or a name; never an ID or card number).
CREATE TABLE collection_log (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    contacted_at TEXT NOT NULL,
    channel      TEXT NOT NULL
                 CHECK (channel IN ('call', 'sms', 'app', 'visit', 'third_party')),
    who          TEXT,
    -- comma-separated bot.domain.collection.Behaviour values, '' for none
    behaviours   TEXT NOT NULL DEFAULT '',
    -- calls only: how many times they rang (1 otherwise), and whether it was picked up
    attempts     INTEGER NOT NULL DEFAULT 1 CHECK (attempts BETWEEN 1 AND 99),
    answered     INTEGER NOT NULL DEFAULT 1 CHECK (answered IN (0, 1)),
    note         TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX collection_log_by_user ON collection_log(user_id, contacted_at);

-- the contact being logged, answer by answer, so a restart mid-way loses nothing
CREATE TABLE collection_drafts (
    user_id INTEGER PRIMARY KEY REFERENCES users(user_id) ON DELETE CASCADE,
    data    TEXT NOT NULL
);
