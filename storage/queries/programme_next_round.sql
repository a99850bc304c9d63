UPDATE programmes SET round_count = round_count + 1
WHERE id = $1
RETURNING round_count, code, fund_id
