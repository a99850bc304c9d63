-- Has reviewer $1 declared an interest in application $2 or its organisation?
SELECT EXISTS (
  SELECT 1
  FROM conflict_declarations AS d
  JOIN applications AS a ON a.id = $2
  WHERE d.reviewer = $1
    AND (d.application_id = a.id OR d.organisation_id = a.organisation_id))
