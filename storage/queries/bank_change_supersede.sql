-- A newer proposal replaces organisation $1's pending change, if any.
UPDATE bank_detail_changes SET state = 'superseded'
WHERE organisation_id = $1 AND state = 'pending'
