-- Deals reached on the call, their installments, the reminders derived from them, the call log,
-- and each user's reminder settings.
ALTER TABLE users ADD COLUMN morning_hour INTEGER NOT NULL DEFAULT 9;
ALTER TABLE users ADD COLUMN evening_hour INTEGER NOT NULL DEFAULT 20;
-- days before the due date with an evening reminder, comma-separated ('' = none)
ALTER TABLE users ADD COLUMN lead_days TEXT NOT NULL DEFAULT '3,1';
ALTER TABLE users ADD COLUMN on_due_day INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN muted INTEGER NOT NULL DEFAULT 0;
-- set when Telegram answers 403 (the user blocked the bot): reminders wait until they write again
ALTER TABLE users ADD COLUMN blocked_at TEXT;
-- the installment whose actually-paid amount the user is about to type ("金额不一样")
ALTER TABLE users ADD COLUMN amount_for_installment INTEGER;

CREATE TABLE deals (
    id        INTEGER PRIMARY KEY,
    user_id   INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    case_id   INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    debt_id   INTEGER NOT NULL REFERENCES debts(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,
    terms     TEXT NOT NULL,            -- JSON of the agreed terms, as the user gave them
    agreed_at TEXT NOT NULL,
    active    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX deals_by_user ON deals(user_id, active);
-- one active deal per debt: a new deal for the same debt replaces the old one
CREATE UNIQUE INDEX deals_one_active_per_debt ON deals(debt_id) WHERE active = 1;

CREATE TABLE installments (
    id         INTEGER PRIMARY KEY,
    deal_id    INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    number     INTEGER NOT NULL CHECK (number >= 1),
    count      INTEGER NOT NULL CHECK (count >= number),
    due_date   TEXT NOT NULL,
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
    paid_fen   INTEGER CHECK (paid_fen > 0),
    paid_at    TEXT,
    UNIQUE (deal_id, number)
);
CREATE INDEX installments_by_user ON installments(user_id, due_date);

CREATE TABLE reminders (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    installment_id INTEGER REFERENCES installments(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL,
    lead_days      INTEGER NOT NULL DEFAULT 0,
    due_at         TEXT NOT NULL,       -- UTC, 'YYYY-MM-DDTHH:MM:SS+00:00': sorts as text
    status         TEXT NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'claimed', 'sent', 'cancelled', 'failed')),
    attempts       INTEGER NOT NULL DEFAULT 0,
    claimed_at     TEXT,
    sent_at        TEXT
);
-- the sweep reads only what is waiting, in time order; sent rows cost nothing
CREATE INDEX reminders_waiting ON reminders(due_at) WHERE status IN ('pending', 'claimed');
CREATE INDEX reminders_by_installment ON reminders(installment_id);
CREATE INDEX reminders_by_user ON reminders(user_id);

CREATE TABLE call_log (
    id        INTEGER PRIMARY KEY,
    user_id   INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    called_at TEXT NOT NULL,
    outcome   TEXT NOT NULL CHECK (outcome IN ('agreed', 'refused')),
    staff_id  TEXT,
    note      TEXT
);
CREATE INDEX call_log_by_user ON call_log(user_id, called_at);

-- the deal being recorded, answer by answer, so a restart mid-way loses nothing
CREATE TABLE deal_drafts (
    user_id INTEGER PRIMARY KEY REFERENCES users(user_id) ON DELETE CASCADE,
    data    TEXT NOT NULL
);
