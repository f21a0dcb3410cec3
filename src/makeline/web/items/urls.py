"""URLs of the Items screens (namespace "web:items")."""

from django.urls import path

from makeline.web.items import recipe_views, views

app_name = "items"
urlpatterns = [
    path("", views.item_list, name="list"),
    path("new/<str:kind>/", views.new_item, name="new"),
    path("<int:item_id>/", views.item_detail, name="detail"),
    path("<int:item_id>/archive/", views.archive_item, name="archive"),
    path("<int:item_id>/variants/new/", views.add_variant, name="add_variant"),
    path("variants/<int:variant_id>/", views.edit_variant, name="edit_variant"),
    path("variants/<int:variant_id>/delete/", views.delete_variant, name="delete_variant"),
    path("variants/<int:variant_id>/recipe/", recipe_views.recipe, name="recipe"),
    path(
        "variants/<int:variant_id>/ingredients/",
        recipe_views.ingredient_search,
        name="ingredient_search",
    ),
    path("variants/<int:variant_id>/bom/add/", recipe_views.add_bom_row, name="add_bom_row"),
    path("bom/<uuid:row_id>/", recipe_views.edit_bom_row, name="edit_bom_row"),
    path("bom/<uuid:row_id>/move/", recipe_views.move_bom_row, name="move_bom_row"),
    path("bom/<uuid:row_id>/delete/", recipe_views.delete_bom_row, name="delete_bom_row"),
    path(
        "variants/<int:variant_id>/operations/add/",
        recipe_views.add_routing_row,
        name="add_routing_row",
    ),
    path("operations/<int:row_id>/", recipe_views.edit_routing_row, name="edit_routing_row"),
    path("operations/<int:row_id>/move/", recipe_views.move_routing_row, name="move_routing_row"),
    path(
        "operations/<int:row_id>/delete/",
        recipe_views.delete_routing_row,
        name="delete_routing_row",
    ),
]
