"""The Make screens: Schedule, manufacturing order card, and shop-floor tasks."""
