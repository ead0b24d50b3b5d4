"""``python -m competence_bridge`` runs the CLI."""

from competence_bridge.cli import entry

raise SystemExit(entry())
