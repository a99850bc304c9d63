-- Whether the officer acted for the applicant on the application (its
-- award or reports included), or registered the applicant for it.
SELECT EXISTS (SELECT 1 FROM acts_on_behalf
               WHERE application_id = $1::uuid AND officer = $2)
    OR EXISTS (SELECT 1 FROM acts_on_behalf AS b
               JOIN applications AS a ON a.organisation_id = b.entity_id
               WHERE a.id = $1::uuid AND b.entity_type = 'organisation'
                 AND b.officer = $2)
