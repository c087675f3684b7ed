-- Why a reminder was cancelled instead of sent (bot/domain/late_reminders.py, Skip: gone,
-- stale, superseded, followup_near, not_wanted); NULL for those cancelled by the person's
-- own action (已还, a new deal, /settings) and for every row stored before.
ALTER TABLE reminders ADD COLUMN skip_reason TEXT;
-- When a send of it timed out, so it may or may not have reached the person: it is then
-- marked sent (and not sent again) or, when nothing else about it is still to come, waits
-- to be sent once more a day later. Set, it stays set: the row's history.
ALTER TABLE reminders ADD COLUMN uncertain_at TEXT;
