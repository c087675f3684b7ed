-- The running bot's sign of life, read by `python -m bot check`: one row, rewritten every
-- 30 seconds by a scheduled job. It holds times only, nothing about any user.
CREATE TABLE heartbeat (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    mode        TEXT NOT NULL,   -- 'polling' or 'webhook'
    started_at  TEXT NOT NULL,   -- this process's start
    beat_at     TEXT NOT NULL,   -- the last beat: event loop, scheduler and a write all worked
    updates_at  TEXT,            -- polling: the last getUpdates the Bot API answered
    busy_since  TEXT,            -- when the update being handled arrived; NULL when idle
    stopped_at  TEXT             -- a clean stop; NULL while running
);
