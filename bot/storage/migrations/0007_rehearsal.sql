-- 🎭 先练一练: how many rehearsals of a call the person has finished, nothing else. What they
-- typed while practising is never stored; the count only varies the agent's response from
-- one rehearsal to the next (and says whether they practised at all).
ALTER TABLE users ADD COLUMN rehearsals_done INTEGER NOT NULL DEFAULT 0 CHECK (rehearsals_done >= 0);
