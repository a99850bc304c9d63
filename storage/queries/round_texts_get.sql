-- A round's description and its translations (a JSON array by language).
SELECT r.description,
       coalesce((SELECT json_agg(json_build_object(
                          'language', t.language, 'name', t.name,
                          'description', t.description,
                          'questions', t.questions) ORDER BY t.language)
                 FROM round_translations AS t WHERE t.round_id = r.id),
                '[]')::text
FROM rounds AS r WHERE r.id = $1::uuid
