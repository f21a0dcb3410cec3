"""Run the side-by-side: the same MTO workload through Tryton 8.2 and through Makeline.

    uv run python benchmarks/bench_tryton/run.py                  # medium: 50,100,300,200,3
    uv run python benchmarks/bench_tryton/run.py --shape 5,10,20,5,2
    SKIP_TRYTON=1 uv run python benchmarks/bench_tryton/run.py   # Makeline only

Tryton runs in its own virtualenv (benchmarks/bench_tryton/setup.sh makes it, in
.bench/tryton-venv) on SQLite, server side; Makeline in this process's interpreter.
Prints each stage's seconds for both, the ratio, and the end-to-end ratio against the
target (Makeline ≥ 50× faster). Each side's raw result is kept in .bench/results/.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BENCH_DIR = ROOT / ".bench"
VENV_PYTHON = BENCH_DIR / "tryton-venv" / "bin" / "python"
TARGET_RATIO = 50.0
STAGES = ["master", "stock", "sales", "confirm", "supply", "purchase", "receive", "produce", "ship"]

type Result = dict[str, Any]


def run_driver(command: list[str], env: dict[str, str] | None = None) -> Result:
    """Run one driver, echo its stage lines, return its RESULT."""
    process = subprocess.run(
        command, env=env, capture_output=True, text=True, check=False, cwd=BENCH_DIR
    )
    result = None
    for line in process.stdout.splitlines():
        if line.startswith("RESULT "):
            result = json.loads(line.removeprefix("RESULT "))
        else:
            print(f"  {line}")
    if process.returncode != 0 or result is None:
        print(process.stderr[-4000:], file=sys.stderr)
        raise SystemExit(f"{command[1]} failed (exit {process.returncode})")
    return result


def run_tryton(shape: str) -> Result:
    if not VENV_PYTHON.exists():
        subprocess.run([str(HERE / "setup.sh")], check=True)
    for folder in ("tryton-db", "tryton-cache"):
        (BENCH_DIR / folder).mkdir(parents=True, exist_ok=True)
    env = dict(
        os.environ,
        TRYTOND_DATABASE_URI="sqlite://",
        DB_NAME="bench",
        TRYTOND_DATABASE__PATH=str(BENCH_DIR / "tryton-db"),
        DB_CACHE=str(BENCH_DIR / "tryton-cache"),
    )
    env.pop("DATABASE_URL", None)
    print("Tryton 8.2 (server side, SQLite):")
    return run_driver([str(VENV_PYTHON), str(HERE / "tryton_driver.py"), "--shape", shape], env)


def run_makeline(shape: str, commit_each: bool) -> Result:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)  # the driver makes its own SQLite file
    command = [sys.executable, str(HERE / "makeline_driver.py"), "--shape", shape]
    print("Makeline (services, SQLite" + (", a commit per call):" if commit_each else "):"))
    return run_driver(command + (["--commit-each"] if commit_each else []), env)


def ratio(tryton: float | None, makeline: float) -> str:
    return "—" if tryton is None else f"{tryton / makeline:,.0f}×"


def print_table(shape: str, tryton: Result | None, makeline: Result) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Side by side, shape {shape} (seconds)")
    for column in ("Stage", "Tryton 8.2", "Makeline", "Ratio", "Makeline did"):
        table.add_column(column, justify="left" if column in ("Stage", "Makeline did") else "right")
    t_times = tryton["timings"] if tryton else {}
    m_times = makeline["timings"]
    for name in STAGES:
        t = t_times.get(name)
        table.add_row(
            name,
            "—" if t is None else f"{t:.2f}",
            f"{m_times[name]:.3f}",
            ratio(t, m_times[name]),
            makeline["notes"].get(name, ""),
        )
    t_total = sum(t_times.values()) if tryton else None
    m_total = sum(m_times.values())
    verdict = ""
    if t_total is not None:
        verdict = "ok" if t_total / m_total >= TARGET_RATIO else "MISSED"
    table.add_row(
        "[bold]total[/]",
        "—" if t_total is None else f"[bold]{t_total:.2f}[/]",
        f"[bold]{m_total:.3f}[/]",
        f"[bold]{ratio(t_total, m_total)}[/]",
        f"target ≥ {TARGET_RATIO:g}× {verdict}",
    )
    Console().print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shape", default="50,100,300,200,3")
    parser.add_argument("--commit-each", action="store_true", help="Makeline: commit per call")
    parser.add_argument(
        "--skip-tryton", action="store_true", default=bool(os.environ.get("SKIP_TRYTON"))
    )
    parser.add_argument("--tryton-result", type=Path, help="reuse a saved Tryton result (JSON)")
    args = parser.parse_args()
    results = BENCH_DIR / "results"
    results.mkdir(parents=True, exist_ok=True)
    tryton = None
    if args.tryton_result:
        tryton = json.loads(args.tryton_result.read_text())
    elif not args.skip_tryton:
        tryton = run_tryton(args.shape)
        (results / f"tryton-{args.shape}.json").write_text(json.dumps(tryton, indent=1))
    makeline = run_makeline(args.shape, args.commit_each)
    (results / f"makeline-{args.shape}.json").write_text(json.dumps(makeline, indent=1))
    print_table(args.shape, tryton, makeline)


if __name__ == "__main__":
    main()
