"""Webhooks: Katana-compatible subscriptions, the delivery outbox and its worker."""
