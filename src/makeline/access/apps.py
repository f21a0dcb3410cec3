from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "makeline.access"
    label = "access"
    verbose_name = "Access and audit"

    def ready(self) -> None:
        from makeline.access.recording import record
        from makeline.common import audit

        audit.register_recorder(record)
