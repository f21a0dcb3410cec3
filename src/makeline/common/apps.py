from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "makeline.common"
    label = "common"
    verbose_name = "Common"
