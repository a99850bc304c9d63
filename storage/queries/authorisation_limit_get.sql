SELECT officer, currency, limit_minor, set_by, ts_to_micros(set_at)
FROM authorisation_limits WHERE officer = $1
