DELETE FROM payments WHERE id = $1 AND state = 'scheduled'
