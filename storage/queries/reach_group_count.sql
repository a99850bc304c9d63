SELECT count(*) FROM reach_totals
