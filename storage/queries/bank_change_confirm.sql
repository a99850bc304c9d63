-- Confirms pending change $1 by $2 (role $3) at $4 (micros). In one
-- statement: the organisation's payee becomes the change's details, and
-- every authorised payment of the organisation that finance has not yet
-- taken goes back to requested, so it is authorised again against the new
-- payee. Returns the held payments' ids (none when $1 was not pending).
WITH c AS (
  UPDATE bank_detail_changes
  SET state = 'confirmed', confirmed_by = $2, confirmer_role = $3,
      confirmed_at = micros_to_ts($4)
  WHERE id = $1 AND state = 'pending'
  RETURNING *),
o AS (
  UPDATE organisations AS o
  SET bank_account_name = c.account_name, bank_sort_code = c.sort_code,
      bank_account_number = c.account_number, updated_at = micros_to_ts($4)
  FROM c WHERE o.id = c.organisation_id
  RETURNING o.id),
held AS (
  UPDATE payments AS p
  SET state = 'requested', authorised_by = '', authorised_at = NULL, instruction_id = NULL,
      updated_at = micros_to_ts($4)
  FROM awards AS a, c
  WHERE a.id = p.award_id AND a.organisation_id = c.organisation_id AND p.state = 'authorised'
  RETURNING p.id)
SELECT (SELECT count(*) FROM c) AS confirmed,
       coalesce((SELECT array_agg(id::text ORDER BY id) FROM held), '{}') AS held
