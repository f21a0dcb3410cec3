"""URLs of the Make screens (/make/...)."""

from django.urls import path

from makeline.web.make import card_views, task_views, views

app_name = "make"
urlpatterns = [
    path("", views.schedule, name="schedule"),
    path("done/", views.done, name="done"),
    path("rerank/", views.rerank, name="rerank"),
    path("orders/new/", views.new, name="new"),
    path("orders/<int:pk>/move/<str:where>/", views.move, name="move"),
    path("orders/<int:pk>/", card_views.card, name="card"),
    path("orders/<int:pk>/edit/", card_views.edit, name="edit"),
    path("orders/<int:pk>/status/", card_views.set_status, name="status"),
    path("orders/<int:pk>/produce/", card_views.produce, name="produce"),
    path("orders/<int:pk>/done/", card_views.mark_done, name="mark_done"),
    path("orders/<int:pk>/revert/", card_views.revert, name="revert"),
    path("orders/<int:pk>/delete/", card_views.delete, name="delete"),
    path("orders/<int:pk>/ingredients/", card_views.add_ingredient, name="add_ingredient"),
    path(
        "orders/<int:pk>/ingredients/<int:row_pk>/",
        card_views.update_ingredient,
        name="update_ingredient",
    ),
    path(
        "orders/<int:pk>/ingredients/<int:row_pk>/remove/",
        card_views.remove_ingredient,
        name="remove_ingredient",
    ),
    path(
        "orders/<int:pk>/ingredients/<int:row_pk>/make/",
        card_views.make_ingredient,
        name="make_ingredient",
    ),
    path("orders/<int:pk>/ingredients/<int:row_pk>/why/", card_views.why, name="why"),
    path(
        "orders/<int:pk>/operations/<int:op_pk>/",
        card_views.update_operation,
        name="update_operation",
    ),
    path("tasks/", task_views.tasks, name="tasks"),
    path("tasks/<int:pk>/<str:action>/", task_views.task_action, name="task_action"),
]
