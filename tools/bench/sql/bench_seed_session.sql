-- Benchmarks only: settings for the rest of one bulk-seeding transaction:
-- nested loops allowed or not ($1, 'on' or 'off'), no JIT (compiling these
-- one-off statements costs more than it saves) and room to sort and
-- aggregate a batch in memory.
SELECT set_config('enable_nestloop', $1, true), set_config('jit', 'off', true),
       set_config('work_mem', '256MB', true)
