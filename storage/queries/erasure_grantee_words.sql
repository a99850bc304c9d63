-- What organisation $1's people wrote on its awards: why they declined an
-- offer, why they asked for a variation.
WITH declined AS (
  UPDATE awards SET decline_reason = '[erased]'
  WHERE organisation_id = $1 AND decline_reason <> ''
  RETURNING id)
UPDATE award_variations AS v SET reason = '[erased]'
FROM awards AS a
WHERE v.award_id = a.id AND a.organisation_id = $1
  AND v.proposer_role = 'grantee'
