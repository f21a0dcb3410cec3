"""URLs of the Sell screen (namespace web:sell)."""

from django.urls import path

from makeline.web.sell import order_views, views

app_name = "sell"
urlpatterns = [
    path("", views.open_list, name="open"),
    path("done/", views.done_list, name="done"),
    path("quotes/", views.quote_list, name="quotes"),
    path("rerank/", views.rerank, name="rerank"),
    path("items/", views.item_search, name="items"),
    path("orders/new/", order_views.order_new, name="new"),
    path("orders/<int:order_id>/", order_views.order_card, name="order"),
    path("orders/<int:order_id>/availability/", views.availability, name="availability"),
    path("orders/<int:order_id>/make-to-order/", views.make_to_order_all, name="make_all"),
    path("orders/<int:order_id>/rows/add/", order_views.row_add, name="row_add"),
    path("orders/<int:order_id>/rows/<int:row_id>/", order_views.row_update, name="row_update"),
    path(
        "orders/<int:order_id>/rows/<int:row_id>/delete/",
        order_views.row_delete,
        name="row_delete",
    ),
    path(
        "orders/<int:order_id>/rows/<int:row_id>/make-to-order/",
        order_views.row_make,
        name="row_make",
    ),
    path("orders/<int:order_id>/fulfil/", order_views.fulfil_all, name="fulfil_all"),
    path("orders/<int:order_id>/fulfil-some/", order_views.fulfil_some, name="fulfil_some"),
    path(
        "orders/<int:order_id>/fulfilments/<int:fulfillment_id>/revert/",
        order_views.fulfillment_revert,
        name="fulfillment_revert",
    ),
    path("orders/<int:order_id>/convert/", order_views.convert, name="convert"),
    path("orders/<int:order_id>/to-quote/", order_views.to_quote, name="to_quote"),
    path("orders/<int:order_id>/delete/", order_views.order_delete, name="delete"),
]
