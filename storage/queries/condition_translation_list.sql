-- Award $1's conditions in other languages, by language.
SELECT language, conditions FROM award_condition_translations
WHERE award_id = $1::uuid ORDER BY language
