-- Has person $1 declared an interest in an application of round $2 (not a
-- draft: a draft is not yet in the round's competition) or in an
-- organisation with one?
SELECT EXISTS (
  SELECT 1
  FROM conflict_declarations AS d
  JOIN applications AS a ON a.round_id = $2 AND a.state <> 'draft'
  WHERE d.reviewer = $1
    AND (d.application_id = a.id OR d.organisation_id = a.organisation_id))
