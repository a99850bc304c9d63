INSERT INTO round_award_settings (round_id, microgrant_threshold_minor, offer_validity_days,
                                  updated_by, updated_at, fast_path, fast_path_mark_percent,
                                  standard_conditions, standard_condition_translations)
VALUES ($1, $2, $3, $4, micros_to_ts($5), $6, $7, $8::text[], $9::jsonb)
ON CONFLICT (round_id) DO UPDATE
SET microgrant_threshold_minor = EXCLUDED.microgrant_threshold_minor,
    offer_validity_days = EXCLUDED.offer_validity_days,
    updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at,
    fast_path = EXCLUDED.fast_path,
    fast_path_mark_percent = EXCLUDED.fast_path_mark_percent,
    standard_conditions = EXCLUDED.standard_conditions,
    standard_condition_translations = EXCLUDED.standard_condition_translations
