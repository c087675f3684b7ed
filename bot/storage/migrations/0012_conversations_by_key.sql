-- Where a chat and user stand in every conversation is read once per update (the database
-- is the one source of truth for it, bot/adapters/conversation_states.py): by key, not by
-- conversation name, so the primary key (name, key) cannot serve it.
CREATE INDEX conversations_by_key ON conversations(key);
