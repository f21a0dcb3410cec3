from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "makeline.planning"
    label = "planning"
    verbose_name = "Planning"
