UPDATE funds SET contributed_minor = contributed_minor + $2
WHERE id = $1
RETURNING id, name, currency, contributed_minor, drawn_minor,
          ts_to_micros(created_at)
