SELECT EXISTS (SELECT 1 FROM review_assignments AS ra
               WHERE ra.application_id = $1 AND ra.reviewer = $2)
