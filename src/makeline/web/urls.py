"""URLs of the screens."""

from django.urls import path

from makeline.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
]
