"""Icons, the demo corpus and codebook, styles and desktop files, installed as ``app.resources``.

The folder sits at the top of the checkout (``resources/``) and is mapped into the package
at build time (see ``setup.py``); code reaches it only through :func:`app.assets.resource`.
"""
