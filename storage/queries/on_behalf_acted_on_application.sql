-- Whether the officer acted for the applicant on the application (its
-- award or reports included).
SELECT EXISTS (SELECT 1 FROM acts_on_behalf
               WHERE application_id = $1::uuid AND officer = $2)
