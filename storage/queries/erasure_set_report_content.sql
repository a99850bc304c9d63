UPDATE reports SET content = $2::jsonb WHERE id = $1::uuid
