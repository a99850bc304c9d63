SELECT funder_id, amount_minor FROM award_shares WHERE award_id = $1 ORDER BY funder_id
