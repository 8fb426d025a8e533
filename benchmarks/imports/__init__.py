"""Import benchmark: a large ``sejuk import`` at two sizes, step by step."""
