-- How many of award $1's conditions are not signed off.
SELECT count(*) FROM award_conditions WHERE award_id = $1 AND state <> 'signed_off'
