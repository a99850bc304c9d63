SELECT next_round_reference($1)
