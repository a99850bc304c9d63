-- What organisation $1's people wrote on its awards: why they declined an
-- offer, why they asked for a variation; and why an officer acted for them
-- (acts_on_behalf, which may name the person who asked for help).
WITH helped AS (
  UPDATE acts_on_behalf SET reason = '[erased]'
  WHERE organisation_id = $1
  RETURNING id),
declined AS (
  UPDATE awards SET decline_reason = '[erased]'
  WHERE organisation_id = $1 AND decline_reason <> ''
  RETURNING id)
UPDATE award_variations AS v SET reason = '[erased]'
FROM awards AS a
WHERE v.award_id = a.id AND a.organisation_id = $1
  AND v.proposer_role = 'grantee'
