SELECT EXISTS (SELECT 1 FROM awards
               WHERE application_id = $1 AND state IN ('offered', 'accepted', 'active'))
