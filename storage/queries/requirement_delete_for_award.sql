DELETE FROM report_requirements WHERE award_id = $1
