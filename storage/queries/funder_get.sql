SELECT id, org_id, name, ts_to_micros(created_at) FROM funders WHERE id = $1
