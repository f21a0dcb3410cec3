"""Catalog: items and variants, BOMs and routings, resources, locations, contacts, tax rates."""
