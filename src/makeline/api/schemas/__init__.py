"""Request and response schemas, named and shaped as in Katana's OpenAPI spec.

Responses list Katana's fields with Katana's types; a view fills a dict and leaves out what
it cannot know. Requests forbid unknown fields (Katana: additionalProperties false → 422),
so a field we cannot store is refused instead of being dropped silently.
"""
