-- When the address whose MAC (hex) is $1 was erased, and whose id it was; no row
-- when it never was.
SELECT ts_to_micros(erased_at), person_id FROM erased_addresses
WHERE address_mac = decode($1, 'hex')
