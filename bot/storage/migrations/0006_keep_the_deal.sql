-- Keeping the deal: how each deal ended, so the project can count from its own data how many
-- are paid off or re-negotiated before they break. NULL while the deal runs; whether a running
-- deal is kept or broken is read from its installments when counted (outcomes.py).
ALTER TABLE deals ADD COLUMN outcome TEXT CHECK (outcome IN ('paid_off', 'replanned'));
ALTER TABLE deals ADD COLUMN ended_at TEXT;
CREATE INDEX deals_by_outcome ON deals(outcome);
