-- Has person $1 declared an interest in organisation $2 (itself, not one of
-- its applications)?
SELECT EXISTS (
  SELECT 1 FROM conflict_declarations AS d
  WHERE d.reviewer = $1 AND d.organisation_id = $2)
