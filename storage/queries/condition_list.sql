-- Award $1's conditions, in order.
SELECT id, award_id, number, text, state, statement, document_ids::text[], met_by,
       coalesce(ts_to_micros(met_at), 0), on_behalf_reason, signed_off_by,
       coalesce(ts_to_micros(signed_off_at), 0), return_comment
FROM award_conditions WHERE award_id = $1 ORDER BY number
