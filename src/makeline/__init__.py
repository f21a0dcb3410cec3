"""Makeline: open-source make-to-order manufacturing."""
