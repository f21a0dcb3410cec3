"""WSGI entry point for `makeline serve` (granian) and any other WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "makeline.settings")
application = get_wsgi_application()
