-- The user's calendar key: a random token, made on the first .ics export, that the events'
-- UIDs are derived from (bot/domain/calendar_events.py), so a UID names the installment
-- for this person without any database id or Telegram id in it. /delete takes it with the
-- user's row.
ALTER TABLE users ADD COLUMN calendar_key TEXT;
