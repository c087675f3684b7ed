-- When the user last wrote to the bot: inactive data is removed after the retention period.
ALTER TABLE users ADD COLUMN last_seen_at TEXT;
-- existing users: the latest trace of them, so the first purge after the upgrade spares
-- anyone who was active (all these stamps are ISO text in the bot's time zone)
UPDATE users SET last_seen_at = MAX(
    created_at,
    COALESCE((SELECT MAX(updated_at) FROM cases WHERE cases.user_id = users.user_id), ''),
    COALESCE((SELECT MAX(called_at) FROM call_log WHERE call_log.user_id = users.user_id), ''),
    COALESCE((SELECT MAX(paid_at) FROM installments WHERE installments.user_id = users.user_id), '')
);
CREATE INDEX users_by_last_seen ON users(last_seen_at);
CREATE INDEX cases_closed ON cases(closed_at) WHERE status = 'closed';

-- Start-up requeues reminders left claimed by a crash: find them without scanning the queue.
CREATE INDEX reminders_claimed ON reminders(id) WHERE status = 'claimed';
