"""``python -m sejuk.cli``."""

from sejuk.cli import main

main()
