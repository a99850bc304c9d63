UPDATE funds SET drawn_minor = drawn_minor + $2
WHERE id = $1
  AND drawn_minor + $2 <= contributed_minor
  AND drawn_minor + $2 >= 0
RETURNING id, name, currency, contributed_minor, drawn_minor,
          ts_to_micros(created_at)
