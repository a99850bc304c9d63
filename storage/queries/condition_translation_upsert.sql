-- Award $1's conditions in language $2 ($3), replacing the earlier text.
INSERT INTO award_condition_translations (award_id, language, conditions,
                                          updated_by, updated_at)
VALUES ($1::uuid, $2, $3::text[], $4, micros_to_ts($5))
ON CONFLICT (award_id, language) DO UPDATE
SET conditions = EXCLUDED.conditions, updated_by = EXCLUDED.updated_by,
    updated_at = EXCLUDED.updated_at
