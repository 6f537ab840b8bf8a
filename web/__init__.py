"""The auditor web UI: ``create_app`` builds it, ``gidar serve`` runs it."""
