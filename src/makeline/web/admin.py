"""The admin site's titles (the admin is a developer tool; the screens are for people)."""

from django.contrib import admin

admin.site.site_header = "Makeline admin"
admin.site.site_title = "Makeline admin"
admin.site.index_title = "Tables"
