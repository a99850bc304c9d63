SELECT coalesce(round_id::text, ''), award_ids::text[] FROM award_expiry_runs WHERE id = $1
