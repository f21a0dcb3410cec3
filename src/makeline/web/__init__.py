"""The web screens: server-rendered pages with htmx."""
