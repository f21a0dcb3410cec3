"""The seeded synthetic shop behind `makeline generate` and the benchmarks.

`generate(size=SIZES["M"], seed=1)` fills an empty database with items and BOMs, partners,
open sales orders, make-to-order and make-to-stock MOs, purchase orders and opening stock,
written in bulk (not through the services, which would take hours at size L) but shaped
exactly as the services leave them, then plans everything once. The same seed gives the
same shop.
"""

from makeline.generate.runner import STAGES, GenerateSummary, generate, is_empty
from makeline.generate.sizes import SIZES, Size

__all__ = ["SIZES", "STAGES", "GenerateSummary", "Size", "generate", "is_empty"]
