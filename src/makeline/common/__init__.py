"""Shared foundations of every app: errors, status transitions, the unit of work, field types."""
