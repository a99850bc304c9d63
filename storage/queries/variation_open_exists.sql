SELECT EXISTS (SELECT 1 FROM award_variations WHERE award_id = $1 AND state = 'proposed')
