"""Webhook subscriptions, the outbox of deliveries and the log of delivery attempts.

A committed event becomes one Delivery per subscribed webhook (the outbox); the worker
(`makeline webhooks worker`) sends it and writes one DeliveryAttempt per try. The body is
stored as sent, so every retry carries the same bytes and the same signature.
"""

from django.db import models


class Webhook(models.Model):
    url = models.URLField(max_length=2000)
    token = models.CharField(max_length=16, help_text="16 lowercase hex characters; signs bodies")
    enabled = models.BooleanField(default=True)
    description = models.CharField(max_length=500, blank=True)
    subscribed_events = models.JSONField(default=list)
    base_url = models.CharField(
        max_length=500, blank=True, help_text="our API's address for `href`, e.g. https://x/v1"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.url


class Delivery(models.Model):
    """One event for one webhook: pending until delivered or given up."""

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=64)
    body = models.TextField(help_text="the exact JSON bytes sent (and signed)")
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True, help_text="given up")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["next_attempt_at"], name="delivery_due")]


class DeliveryAttempt(models.Model):
    """The delivery log: one row per POST (exported by POST /webhook_logs_export)."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="log")
    retry_num = models.PositiveSmallIntegerField(help_text="0 for the first try")
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    delivered = models.BooleanField(default=False)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
