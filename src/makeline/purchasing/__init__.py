"""Purchasing: purchase orders, their rows in purchase UoM, receipts and reverts."""
