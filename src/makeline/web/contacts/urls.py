"""URLs of the Contacts screens (namespace "web:contacts")."""

from django.urls import path

from makeline.web.contacts import views

app_name = "contacts"
urlpatterns = [
    path("", views.customer_list, name="customers"),
    path("customers/new/", views.new_customer, name="new_customer"),
    path("customers/<int:customer_id>/", views.customer_detail, name="customer"),
    path(
        "customers/<int:customer_id>/addresses/",
        views.add_customer_address,
        name="add_customer_address",
    ),
    path("suppliers/", views.supplier_list, name="suppliers"),
    path("suppliers/new/", views.new_supplier, name="new_supplier"),
    path("suppliers/<int:supplier_id>/", views.supplier_detail, name="supplier"),
    path(
        "suppliers/<int:supplier_id>/addresses/",
        views.add_supplier_address,
        name="add_supplier_address",
    ),
]
