-- The inbox (issue 15, point 7): every update is stored here before Telegram is told it
-- arrived (polling: before the next getUpdates confirms it; webhook: before the POST is
-- answered), so an update fetched when the process dies is handled after the restart.
--
-- The payload is what the person sent, maybe an ID or card number the secret guard is about
-- to delete: it is erased (with the sender) in the very transaction that marks the update
-- handled. A handled row keeps only its id and times, to drop Telegram's re-delivery of an
-- update handled but not yet confirmed; it goes once confirmed (or after an hour).
CREATE TABLE inbox (
    update_id   INTEGER PRIMARY KEY,  -- Telegram's, increasing per bot
    user_id     INTEGER,              -- the sender while unhandled (/delete); NULL once handled
    received_at TEXT NOT NULL,        -- UTC
    payload     TEXT,                 -- the update's JSON; NULL once handled
    handled_at  TEXT,                 -- NULL: still to handle (replayed at start-up)
    attempts    INTEGER NOT NULL DEFAULT 0,  -- replays begun: one that kills the bot is given up
    CHECK ((payload IS NULL) = (handled_at IS NOT NULL)),
    CHECK (handled_at IS NULL OR user_id IS NULL)
);
-- the waiting rows (replay, /delete) are the NULL end of it; the purge takes the old end
CREATE INDEX inbox_by_handled ON inbox(handled_at);
