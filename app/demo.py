"""The demo project ``make run`` opens: real articles and a starter codebook for Kazakh political speech.

Created on first use in the user's data directory (platformdirs); never overwritten.
"""

from __future__ import annotations

from app.assets import resource
from datetime import date
from pathlib import Path

from platformdirs import user_data_path

from app.core.importers import ImportOptions
from app.project import Project

DEMO_CODEBOOK = [
    # (path, colour, definition, inclusion, exclusion, example, shortcut)
    ("Social justice", "#cc6677",
     "Fair distribution of income, opportunities and state support among citizens.",
     "Statements about fairness, inequality, welfare, wages, pensions, support for vulnerable groups.",
     "Procedural fairness of elections (code as Political neutrality).",
     "“Amanat prioritizes the affirmation of the principle of social justice.”", "1"),
    ("Political neutrality", "#4477aa",
     "The party or state presented as standing above factions, serving all citizens alike.",
     "Claims of impartiality, non-partisanship, dialogue with all political forces.",
     "Statements about specific policies without reference to impartiality.",
     "“The President must be non-partisan.”", "2"),
    ("Constitutional reform", "#117733",
     "Changes to the constitution or to the balance of state powers.",
     "Amendments, referendums, redistribution of powers between president, parliament and courts.",
     "Ordinary legislation that does not touch the constitution.",
     "“The purpose of the constitutional reform is to lay a solid foundation …”", "3"),
    ("Modernization", "#ddcc77",
     "Reform and renewal of state institutions, the economy and the party.",
     "", "", "", "4"),
    ("Modernization/Economic reform", "#999933", "Economic modernisation and growth.", "", "", "", None),
    ("Modernization/Institutional reform", "#44aa99", "Reform of state and party institutions.", "", "", "", None),
    ("Unity of the people", "#aa4499", "National unity, interethnic harmony, statehood.", "", "", "", "5"),
]

# Metadata the files do not carry themselves (the UN statement has no headline line).
DEMO_METADATA = {
    "2022-09_un-general-debate_kazakhstan_tokayev.txt": dict(
        title="Statement by President Kassym-Jomart Tokayev at the 77th UN General Debate",
        published=date(2022, 9, 20), outlet="United Nations General Debate", author="Kassym-Jomart Tokayev",
    ),
}

DEMO_CODERS = [("Aigerim", "#cc6677"), ("Daniyar", "#4477aa")]


def demo_path() -> Path:
    return user_data_path("Quotecoder", appauthor=False) / "demo.qcp"


def demo_files() -> list[Path]:
    folder = resource("demo")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


def ensure_demo_project(path: Path | None = None) -> Path:
    """Create the demo project if it does not exist yet; return its path."""
    path = path or demo_path()
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with Project.create(path) as project:
        for coder, color in DEMO_CODERS:
            project.coders.add(coder, color=color)
        for code_path, color, definition, inclusion, exclusion, example, shortcut in DEMO_CODEBOOK:
            edit = project.codebook.add_path(code_path, color=color, description=definition)
            project.codebook.describe(edit.id, inclusion=inclusion, exclusion=exclusion, example=example)
            if shortcut:
                project.codebook.set_shortcut(edit.id, shortcut)
        outcomes = project.documents.import_paths([str(p) for p in demo_files()], ImportOptions(language="en"))
        for outcome in outcomes:
            fields = DEMO_METADATA.get(Path(outcome.path).name)
            if fields and outcome.document_id is not None:
                project.documents.update(outcome.document_id, **fields)
    return path
