"""Makeline's Katana-compatible REST API v1 (django-ninja), mounted at /v1.

The top layer: it translates HTTP to the catalog, sales, purchasing, production and
inventory services and back, and holds no business rules. Layout:

- site.py builds the NinjaAPI and registers each resource module's `router`;
- one module per resource family (products.py, variants.py, customers.py, …), with its
  wire helpers next to it (items.py, contacts_wire.py, routing.py) and its request and
  response schemas in schemas/;
- paging.py (filters + X-Pagination), common.py (404/422 loading, wire conversions),
  errors.py (every error body), ajv.py (validation details), auth.py + keys.py (bearer
  keys), ratelimit.py.
"""
