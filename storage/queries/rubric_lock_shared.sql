SELECT r.round_id
FROM rubrics AS r
WHERE r.round_id = $1
FOR SHARE
