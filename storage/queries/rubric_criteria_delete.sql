DELETE FROM rubric_criteria WHERE round_id = $1
