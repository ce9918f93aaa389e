"""Package layout only; everything else is in pyproject.toml.

``db/`` (migrations) and ``resources/`` live at the top of the checkout, where the design
card puts them, and are mapped into the import package as ``app.db`` and ``app.resources``
so that they ship inside the wheel and the bundle. pyproject.toml cannot combine package
discovery with such a mapping, hence this file.
"""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["app", "app.*"]) + ["app.db", "app.resources"],
    package_dir={"app.db": "db", "app.resources": "resources"},
    package_data={
        "app.db": ["*.mako", "versions/*.py"],
        "app.resources": ["**/*"],
    },
    exclude_package_data={"app.resources": ["__pycache__/*", "**/__pycache__/*"]},
)
