"""``python -m competence_bridge`` runs the CLI."""

from .cli import main

raise SystemExit(main())
