#!/usr/bin/env bash
# Create the separate virtualenv that runs Tryton 8.2 for the side-by-side benchmark.
#
#   benchmarks/bench_tryton/setup.sh            # → .bench/tryton-venv (git-ignored)
#
# Tryton is GPL-3 and never one of Makeline's dependencies: it lives only in this venv,
# and only tryton_driver.py imports it. Python 3.12 comes from pyenv (3.12 is what the
# project uses; Tryton 8.2 supports it). Idempotent: an existing venv is reused.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="${TRYTON_VENV:-$ROOT/.bench/tryton-venv}"
PYVER="${TRYTON_PYTHON_VERSION:-3.12}"

# The package set that worked in peers.md §4.1, pinned to the 8.2 series.
PACKAGES=(
    "trytond==8.2.*"
    "trytond-sale-supply-production==8.2.*"
    "trytond-stock-supply-production==8.2.*"
    "trytond-purchase-request==8.2.*"
    "trytond-stock-supply==8.2.*"
    "trytond-sale-supply==8.2.*"
    "trytond-production==8.2.*"
    "trytond-sale==8.2.*"
    "trytond-purchase==8.2.*"
    "trytond-stock==8.2.*"
    "proteus==8.2.*"
)

find_python() {
    if command -v pyenv >/dev/null 2>&1; then
        local prefix
        prefix="$(pyenv prefix "$(pyenv versions --bare | grep -E "^${PYVER//./\\.}(\.[0-9]+)?$" | tail -1)" 2>/dev/null || true)"
        if [[ -n "$prefix" && -x "$prefix/bin/python" ]]; then
            echo "$prefix/bin/python"
            return
        fi
    fi
    command -v "python$PYVER" || { echo "no Python $PYVER (install it with pyenv)" >&2; exit 1; }
}

if [[ ! -x "$VENV/bin/python" ]]; then
    PY="$(find_python)"
    echo "creating $VENV with $("$PY" --version)"
    mkdir -p "$(dirname "$VENV")"
    "$PY" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet "${PACKAGES[@]}"
mkdir -p "$ROOT/.bench/tryton-db" "$ROOT/.bench/tryton-cache"
"$VENV/bin/python" - <<'PY'
from importlib.metadata import version
for name in ("trytond", "trytond-sale-supply-production", "trytond-stock-supply-production",
             "trytond-purchase-request", "proteus"):
    print(f"{name:34s} {version(name)}")
PY
