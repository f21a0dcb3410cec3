# Benchmarks (docs/performance.md has the figures, the machine and how to read them).
#
#   make bench         the engine, planning on a generated M shop, and the Tryton side by side
#   make bench-quick   small sizes, under a minute: a smoke test of every benchmark
#
# SKIP_TRYTON=1 leaves Tryton out (its first module activation alone takes ~85 s).
# DATABASE_URL=postgres://... (an EMPTY database) runs bench_replan on PostgreSQL.

PYTHON := uv run python

.PHONY: bench bench-quick

bench:
	$(PYTHON) benchmarks/bench_engine.py
	$(PYTHON) benchmarks/bench_replan.py --size M
	$(PYTHON) benchmarks/bench_tryton/run.py

bench-quick:
	$(PYTHON) benchmarks/bench_engine.py --rows 20000 --repeat 3
	$(PYTHON) benchmarks/bench_replan.py --size T --repeat-full 3 --repeat 10
	SKIP_TRYTON=1 $(PYTHON) benchmarks/bench_tryton/run.py --shape 5,10,20,5,2
