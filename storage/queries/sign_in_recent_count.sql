-- Links sent to an address ($1) in the hour before $2.
SELECT count(*) FROM sign_in_links
WHERE email = $1 AND created_at > micros_to_ts($2) - interval '1 hour'
