DELETE FROM award_shares WHERE award_id = $1
