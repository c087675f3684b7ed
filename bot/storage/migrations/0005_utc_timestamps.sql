-- Every stored moment in one form: UTC, to the second ('YYYY-MM-DDTHH:MM:SS+00:00').
-- Earlier rows carried the bot's local offset (+08:00); SQLite's strftime reads the offset
-- and gives UTC, so text order becomes time order in every column.
UPDATE users SET
    consented_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', consented_at),
    created_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', created_at),
    blocked_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', blocked_at),
    last_seen_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', last_seen_at);
UPDATE cases SET
    created_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', created_at),
    updated_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', updated_at),
    planned_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', planned_at),
    closed_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', closed_at);
UPDATE debts SET created_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', created_at);
UPDATE deals SET agreed_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', agreed_at);
UPDATE installments SET paid_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', paid_at);
UPDATE call_log SET called_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', called_at);
