SELECT c.id, c.organisation_id, c.account_name, c.sort_code, c.account_number, c.replaces_last4,
       c.state, c.proposed_by, c.proposer_role, ts_to_micros(c.proposed_at), c.confirmed_by,
       c.confirmer_role, ts_to_micros(c.confirmed_at)
FROM bank_detail_changes AS c
WHERE c.id = $1
FOR NO KEY UPDATE
