SELECT c.id, c.organisation_id, c.account_name, c.sort_code, c.account_number, c.replaces_last4,
       c.state, c.proposed_by, c.proposer_role, ts_to_micros(c.proposed_at), c.confirmed_by,
       c.confirmer_role, ts_to_micros(c.confirmed_at)
FROM bank_detail_changes AS c
WHERE c.organisation_id = $1 AND (NOT $2 OR c.state = 'pending')
ORDER BY c.seq DESC
LIMIT 100
