SELECT create_round_reference_sequence($1)
