"""Inventory: the append-only stock ledger, average cost, adjustments and safety stock."""
