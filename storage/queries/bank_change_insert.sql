-- A new pending change of organisation $1's payee (after
-- bank_change_supersede: one pending change an organisation).
WITH c AS (
  INSERT INTO bank_detail_changes (organisation_id, account_name, sort_code, account_number,
                                   replaces_last4, proposed_by, proposer_role, proposed_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, micros_to_ts($8))
  RETURNING *)
SELECT c.id, c.organisation_id, c.account_name, c.sort_code, c.account_number, c.replaces_last4,
       c.state, c.proposed_by, c.proposer_role, ts_to_micros(c.proposed_at), c.confirmed_by,
       c.confirmer_role, ts_to_micros(c.confirmed_at)
FROM c
