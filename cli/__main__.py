"""``python -m cli`` runs the ``recoflow`` command."""

from cli import main

main()
