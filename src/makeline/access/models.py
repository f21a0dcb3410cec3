"""The audit trail (one row per changed field of a document) and the API's idempotency
records (the stored answer to a POST sent with an `Idempotency-Key`)."""

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    """`field` of a document went from `old` to `new`, by `user` through `via`, at `at`."""

    class Via(models.TextChoices):
        WEB = "web"
        API = "api"
        CLI = "cli"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    document_type = models.CharField(max_length=40)  # "sales_order", "manufacturing_order", ...
    document_id = models.BigIntegerField()
    field = models.CharField(max_length=80)
    old = models.TextField(blank=True)
    new = models.TextField(blank=True)
    via = models.CharField(max_length=3, choices=Via.choices, default=Via.CLI)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["document_type", "document_id", "at"])]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.document_type} {self.document_id}: {self.field} {self.old} → {self.new}"


class IdempotencyRecord(models.Model):
    """The answer given to the first POST with this key from this API key (24 h)."""

    key = models.CharField(max_length=255)
    # A plain id, not a foreign key: the API app sits above this one.
    api_key_id = models.BigIntegerField()
    body_hash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField(default=0)  # 0 while the first request runs
    response_body = models.BinaryField(default=b"")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["api_key_id", "key"], name="one_answer_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.status})"
