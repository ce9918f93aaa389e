"""Benchmarks. ``python -m bench [NAME ...]`` runs ``bench/bench_NAME.py`` modules.

Each module has ``run() -> str`` returning a Markdown section. Sections are kept in
``docs/bench/NAME.md`` and assembled, with a description of the machine, into
``docs/benchmarks.md``, so running one benchmark never erases another's figures.
"""
