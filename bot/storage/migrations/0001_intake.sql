-- Intake: users, their cases, the debts of each case, and persisted conversation states.
CREATE TABLE users (
    user_id      INTEGER PRIMARY KEY,
    chat_id      INTEGER NOT NULL,
    consented_at TEXT,
    created_at   TEXT NOT NULL
);

CREATE TABLE cases (
    id                 INTEGER PRIMARY KEY,
    user_id            INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    status             TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'planned', 'closed')),
    -- the intake question the user is on (IntakeState value), so /start can resume a draft
    step               INTEGER,
    -- 1 while answering a "change X" from the summary: the next stop is the summary again
    editing            INTEGER NOT NULL DEFAULT 0,
    current_debt_id    INTEGER,
    hardship_reason    TEXT,
    hardship_note      TEXT,
    hardship_temporary INTEGER,
    hardship_months    INTEGER,
    income_fen         INTEGER CHECK (income_fen >= 0),
    essentials_fen     INTEGER CHECK (essentials_fen >= 0),
    other_debts_fen    INTEGER CHECK (other_debts_fen >= 0),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    planned_at         TEXT,
    closed_at          TEXT
);
-- at most one open case per user
CREATE UNIQUE INDEX cases_one_open_per_user ON cases(user_id) WHERE status != 'closed';
CREATE INDEX cases_by_user ON cases(user_id, status);

CREATE TABLE debts (
    id             INTEGER PRIMARY KEY,
    case_id        INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    product        TEXT NOT NULL,
    amount_fen     INTEGER CHECK (amount_fen > 0),
    overdue_since  TEXT,
    daily_rate_ppm INTEGER CHECK (daily_rate_ppm > 0),
    -- 1 once the rate question was answered or skipped (NULL rate + 1 = skipped: estimate)
    rate_answered  INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL
);
CREATE INDEX debts_by_case ON debts(case_id, id);

-- python-telegram-bot ConversationHandler states; key and state are JSON
CREATE TABLE conversations (
    name  TEXT NOT NULL,
    key   TEXT NOT NULL,
    state TEXT NOT NULL,
    PRIMARY KEY (name, key)
) WITHOUT ROWID;
