"""The demo shop: a small furniture maker loaded through the services (`makeline demo`)."""

from makeline.demo.loader import DemoSummary, load_demo

__all__ = ["DemoSummary", "load_demo"]
