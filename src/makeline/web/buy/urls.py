"""URLs of the Buy screen."""

from django.urls import path

from makeline.web.buy import views

app_name = "buy"
urlpatterns = [
    path("", views.order_list, name="list"),
    path("orders/new/", views.order_new, name="new"),
    path("orders/<int:order_id>/", views.order_card, name="order"),
    path("orders/<int:order_id>/receive/", views.order_receive, name="receive"),
    path("orders/<int:order_id>/pdf/", views.order_pdf, name="pdf"),
    path("orders/<int:order_id>/<slug:action>/", views.order_action, name="action"),
    path("items/", views.item_search, name="items"),
    path("items/unit/", views.item_unit, name="unit"),
]
