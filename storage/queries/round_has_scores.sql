SELECT EXISTS (SELECT 1 FROM scores AS s WHERE s.round_id = $1)
