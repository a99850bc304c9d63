-- Whether the officer recommended or decided the application: whoever
-- judged it does not also act for its applicant on it.
SELECT EXISTS (SELECT 1 FROM recommendations
               WHERE application_id = $1::uuid AND recommended_by = $2)
    OR EXISTS (SELECT 1 FROM decisions
               WHERE application_id = $1::uuid AND decided_by = $2)
