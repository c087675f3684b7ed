-- When the user last wrote to the bot: inactive data is removed after the retention period.
ALTER TABLE users ADD COLUMN last_seen_at TEXT;
CREATE INDEX users_by_last_seen ON users(last_seen_at);
CREATE INDEX cases_closed ON cases(closed_at) WHERE status = 'closed';

-- Start-up requeues reminders left claimed by a crash: find them without scanning the queue.
CREATE INDEX reminders_claimed ON reminders(id) WHERE status = 'claimed';
