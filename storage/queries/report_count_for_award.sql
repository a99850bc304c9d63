SELECT count(*) FROM reports WHERE award_id = $1
