"""URLs of the Settings screens (namespace "web:settings_screen")."""

from django.urls import path

from makeline.web.settings_screen import views

app_name = "settings_screen"
urlpatterns = [
    path("", views.settings_page, name="settings"),
    path("locations/new/", views.new_location, name="new_location"),
    path("locations/<int:location_id>/", views.edit_location, name="location"),
    path("resources/new/", views.new_resource, name="new_resource"),
    path("resources/<int:resource_id>/", views.edit_resource, name="resource"),
    path("tax-rates/new/", views.new_tax_rate, name="new_tax_rate"),
]
