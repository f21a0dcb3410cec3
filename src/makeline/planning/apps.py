from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "makeline.planning"
    label = "planning"
    verbose_name = "Planning"

    def ready(self) -> None:
        # Every committing change replans the (variant, location) pairs it touched, inside
        # its own transaction: see makeline.common.unit_of_work.
        from makeline.common.unit_of_work import register_before_commit
        from makeline.planning.services import replan_keys

        register_before_commit(replan_keys)
