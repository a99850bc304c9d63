SELECT id, name, currency, contributed_minor, drawn_minor,
       ts_to_micros(created_at)
FROM funds WHERE id = $1
