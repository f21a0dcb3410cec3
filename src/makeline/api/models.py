"""API keys: the bearer tokens that Katana-compatible clients send.

Only a SHA-256 hash of a key is stored; the key itself is shown once, when it is made.
`prefix` (its first 8 characters) finds the row quickly and names the key in lists.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class ApiKey(models.Model):
    name = models.CharField(max_length=100)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_keys",
        help_text="the user the key acts as",
    )
    prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            # A revoked key keeps its name, so the name can be reused for its replacement.
            models.UniqueConstraint(
                fields=["name"], condition=Q(revoked_at__isnull=True), name="apikey_active_name"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
