"""URLs of the screens."""

from django.urls import include, path

from makeline.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("make/", include("makeline.web.make.urls")),
    path("sell/", include("makeline.web.sell.urls")),
    path("buy/", include("makeline.web.buy.urls")),
    path("stock/", include("makeline.web.stock.urls")),
    path("items/", include("makeline.web.items.urls")),
    path("contacts/", include("makeline.web.contacts.urls")),
    path("settings/", include("makeline.web.settings_screen.urls")),
]
