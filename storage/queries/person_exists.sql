SELECT EXISTS (SELECT 1 FROM people WHERE subject = $1 AND role = $2)
