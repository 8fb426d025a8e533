"""How well the analysts' drawn labels measure the active model on their stream."""
