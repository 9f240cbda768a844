"""``python -m powermap``."""

from .cli import main

main()
