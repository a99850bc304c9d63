-- Sets a round's translation into one language, replacing an earlier one.
INSERT INTO round_translations (round_id, language, name, description,
                                questions, updated_by, updated_at)
VALUES ($1::uuid, $2, $3, $4, $5::jsonb, $6, micros_to_ts($7))
ON CONFLICT ON CONSTRAINT round_translations_pkey DO UPDATE
SET name = EXCLUDED.name, description = EXCLUDED.description,
    questions = EXCLUDED.questions, updated_by = EXCLUDED.updated_by,
    updated_at = EXCLUDED.updated_at
