"""Run benchmarks and assemble docs/benchmarks.md (see bench/__init__.py)."""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ROOT / "docs" / "bench"
REPORT = ROOT / "docs" / "benchmarks.md"


def available() -> list[str]:
    return sorted(p.stem[len("bench_"):] for p in Path(__file__).parent.glob("bench_*.py"))


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def assemble() -> None:
    parts = [
        "# Benchmarks\n",
        "Measured with `make bench` (or `python -m bench NAME`). Figures are wall-clock on the machine",
        f"named below; compare ratios rather than absolute numbers across machines.\n",
        f"Last machine: {machine()}.\n",
    ]
    for section in sorted(SECTIONS.glob("*.md")):
        parts.append(section.read_text(encoding="utf-8").rstrip() + "\n")
    REPORT.write_text("\n".join(parts), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (default: all of {', '.join(available())})")
    args = parser.parse_args(argv)
    names = args.names or available()
    unknown = sorted(set(names) - set(available()))
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")
    SECTIONS.mkdir(parents=True, exist_ok=True)
    for name in names:
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        module = importlib.import_module(f"bench.bench_{name}")
        section = module.run()
        (SECTIONS / f"{name}.md").write_text(section.rstrip() + "\n", encoding="utf-8")
        print(section)
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
    assemble()
    print(f"wrote {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
