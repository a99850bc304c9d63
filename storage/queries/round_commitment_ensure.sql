INSERT INTO round_commitments (round_id, budget_minor)
SELECT id, budget_minor FROM rounds WHERE id = $1
ON CONFLICT (round_id) DO NOTHING
