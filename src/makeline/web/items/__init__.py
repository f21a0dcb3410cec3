"""The Items screens: the item list, the item page with its variants, BOM and routing."""
