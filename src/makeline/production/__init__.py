"""Production: manufacturing orders, their recipe and operation rows, completions, make to order."""
