"""URLs of the Stock screen."""

from django.urls import path

from makeline.web.stock import views

app_name = "stock"
urlpatterns = [
    path("", views.inventory_list, name="list"),
    path("safety-stock/", views.safety_stock, name="safety"),
    path("items/search/", views.item_search, name="items"),
    path("items/<int:variant_id>/", views.item, name="item"),
    path("items/<int:variant_id>/<slug:which>/", views.figure, name="figure"),
    path("adjustments/", views.adjustments, name="adjustments"),
    path("adjustments/new/", views.adjustment_new, name="adjustment_new"),
]
