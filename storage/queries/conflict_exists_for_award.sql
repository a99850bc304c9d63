-- Has person $1 declared an interest in award $2's application or its
-- organisation? (Its payments, variations and reports follow the award.)
SELECT EXISTS (
  SELECT 1
  FROM conflict_declarations AS d
  JOIN awards AS a ON a.id = $2
  WHERE d.reviewer = $1
    AND (d.application_id = a.application_id OR d.organisation_id = a.organisation_id))
