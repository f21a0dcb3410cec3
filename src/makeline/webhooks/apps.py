from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "makeline.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"

    def ready(self) -> None:
        # Every committed domain event becomes deliveries for the webhooks subscribed to it:
        # see makeline.common.events.
        from makeline.common.events import register_listener
        from makeline.webhooks.services import record_event

        register_listener(record_event)
