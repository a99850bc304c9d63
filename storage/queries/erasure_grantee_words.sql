-- What organisation $1's people wrote on its awards: why they declined an
-- offer, why they asked for a variation, how they met a condition; and why
-- an officer acted for them (acts_on_behalf, conditions met and documents
-- removed for them: the words may name the person who asked for help).
WITH conditions AS (
  UPDATE award_conditions AS c
  SET statement = CASE WHEN c.statement = '' THEN '' ELSE '[erased]' END,
      on_behalf_reason = CASE WHEN c.on_behalf_reason = '' THEN '' ELSE '[erased]' END
  FROM awards AS a
  WHERE c.award_id = a.id AND a.organisation_id = $1
    AND (c.statement <> '' OR c.on_behalf_reason <> '')
  RETURNING c.id),
removals AS (
  UPDATE document_removals SET on_behalf_reason = '[erased]'
  WHERE organisation_id = $1 AND on_behalf_reason <> ''
  RETURNING document_id),
helped AS (
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
