DELETE FROM payments WHERE award_id = $1 AND state = 'scheduled'
