# Shared helpers for ./run, ./test and .ci/run (bash; source this file).

# A Python >= 3.12 (Django 6 needs it). Debian 12 ships 3.11; these machines have pyenv's 3.12/3.13.
find_python() {
  local c p r="${PYENV_ROOT:-${HOME:-}/.pyenv}"
  for c in python3.12 python3.13 python3.14 "$r"/versions/3.12*/bin/python3 "$r"/versions/3.13*/bin/python3; do
    p=$(command -v "$c" 2>/dev/null) || continue
    "$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo "$p"; return 0; }
  done
  # elsewhere (a laptop with internet): let uv fetch one
  uv python install -q 3.12 >/dev/null 2>&1 && uv python find 3.12
}

ensure_uv() {
  command -v uv >/dev/null && return 0
  python3 -m pip install -q uv 2>/dev/null || python3 -m pip install -q --user --break-system-packages uv
  export PATH="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))'):${HOME:-}/.local/bin:$PATH"
  command -v uv >/dev/null
}

setup_python() {
  ensure_uv || { echo "could not install uv" >&2; return 1; }
  local py; py=$(find_python) || { echo "no Python >= 3.12 found" >&2; return 1; }
  export UV_PYTHON="$py" UV_PYTHON_DOWNLOADS=never
  # WeasyPrint (purchase order PDFs) loads Pango at run time; DejaVu gives it a font.
  apt_need libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
  uv sync -q --locked "$@"
}

# The screens' browser packages (SortableJS) from npm, installed only when missing or when
# package-lock.json changed. Without node/npm the screens still work, minus drag and drop.
setup_node() {
  [ -f package-lock.json ] || return 0
  command -v npm >/dev/null || { echo "npm not found: drag and drop stays off" >&2; return 0; }
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
    npm ci --no-audit --no-fund --loglevel=error && touch node_modules
  fi
}

# Debian packages, installed only when missing (root on these machines; CI runs as root).
apt_need() {
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=(); [ "$(id -u)" = 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q >/dev/null && "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

# Throwaway PostgreSQL on 127.0.0.1:<free port> in a temp dir; exports DATABASE_URL. Root-safe.
pg_up() {
  local bin; bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$bin" ] || { echo "PostgreSQL server binaries not found" >&2; return 1; }
  PG_AS=(); [ "$(id -u)" = 0 ] && PG_AS=(runuser -u postgres --)
  PG_DIR=$(mktemp -d); chmod 755 "$PG_DIR"; [ "$(id -u)" = 0 ] && chown postgres: "$PG_DIR"
  PG_PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
  PG_CTL="$bin/pg_ctl"
  ( cd "$PG_DIR"        # the postgres user may not be allowed into the caller's cwd
    "${PG_AS[@]}" "$bin/initdb" -D data -U postgres -A trust -E UTF8 --locale=C --no-sync >initdb.log 2>&1 \
      || { cat initdb.log; exit 1; }
    "${PG_AS[@]}" "$PG_CTL" -D data -l log -w -t 60 -o \
      "-h 127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null || { cat log; exit 1; } ) || return 1
  export DATABASE_URL="postgresql://postgres@127.0.0.1:$PG_PORT/postgres"
}

pg_down() {
  [ -n "${PG_DIR:-}" ] || return 0
  ( cd "$PG_DIR" && "${PG_AS[@]}" "$PG_CTL" -D data -m immediate stop >/dev/null 2>&1 ) || true
  rm -rf "$PG_DIR"; PG_DIR=
}
