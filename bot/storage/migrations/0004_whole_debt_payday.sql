-- The advice needs the whole balance of each debt, which rate the user typed, the day income
-- arrives, and whether unusually low essential spending was checked once.
ALTER TABLE debts ADD COLUMN total_due_fen INTEGER CHECK (total_due_fen > 0);
-- 'penalty': the bill's penalty rate; 'loan': 借呗's 借款详情 rate (penalty ≈ 1.5 ×)
ALTER TABLE debts ADD COLUMN rate_basis TEXT NOT NULL DEFAULT 'penalty'
    CHECK (rate_basis IN ('penalty', 'loan'));
-- 1 once the 全部待还 question was answered or skipped
ALTER TABLE debts ADD COLUMN total_answered INTEGER NOT NULL DEFAULT 0;
-- day of month income arrives (31 = month end); NULL with payday_answered = 1: irregular
ALTER TABLE cases ADD COLUMN payday INTEGER CHECK (payday BETWEEN 1 AND 31);
ALTER TABLE cases ADD COLUMN payday_answered INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN essentials_checked INTEGER NOT NULL DEFAULT 0;
-- answers given before these questions existed stay complete: the whole balance unknown,
-- income irregular (as the plan used to assume)
UPDATE debts SET total_answered = 1 WHERE rate_answered = 1;
UPDATE cases SET payday_answered = 1 WHERE income_fen IS NOT NULL;
