"""Alembic's environment and versions, installed as the package ``app.db``.

The folder sits at the top of the checkout (``db/``) and is mapped into the package
at build time (see ``setup.py``), so the editable install, the wheel and the bundle
all find it through :func:`app.assets.migrations_folder`. Run migrations only through
:mod:`app.storage.migrations`, never with the alembic command line.
"""
