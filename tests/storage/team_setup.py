"""A team project on the private cluster: lead Lena, adjudicator Adam, coders Bob and Cora,
a consensus layer, one document, one code, and one coding, status and memo per coder."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.importers import ImportedDocument
from app.project import Project

PASSWORDS = {"Lena": "lena-secret", "Adam": "adam-secret", "Bob": "bob-secret", "Cora": "cora-secret"}
TEXT = "The minister said the reform would start in spring. Critics doubted it."


@dataclass
class Team:
    cluster: object
    database: str
    logins: dict[str, str] = field(default_factory=dict)  # coder name -> login
    ids: dict[str, int] = field(default_factory=dict)  # coder name -> coder id
    document_id: int = 0
    code_id: int = 0
    codings: dict[str, int] = field(default_factory=dict)  # coder name -> a coding of theirs
    memos: dict[str, int] = field(default_factory=dict)

    @property
    def admin_url(self) -> str:
        return self.cluster.url(self.database)

    def url(self, coder: str) -> str:
        return self.cluster.url(self.database, self.logins[coder], PASSWORDS[coder])

    def open(self, coder: str) -> Project:
        return Project.open(self.url(coder))

    def sql(self, coder: str):
        """A raw psycopg connection as that coder's login (autocommit)."""
        return self.cluster.connect(self.database, self.logins[coder], PASSWORDS[coder], autocommit=True)


def make_team(cluster, database: str) -> Team:
    team = Team(cluster, database)
    with Project.create(team.admin_url) as admin:
        lead = admin.team.init("Lena", password=PASSWORDS["Lena"])
        team.logins["Lena"] = lead.login
        for name, role in (("Adam", "adjudicator"), ("Bob", "coder"), ("Cora", "coder")):
            team.logins[name] = admin.team.add(name, role, password=PASSWORDS[name]).login
        team.ids = {c.name: c.id for c in admin.coders.list()}
        team.ids["Consensus"] = admin.coders.add("Consensus", consensus=True).id
    with team.open("Lena") as lena:
        doc = ImportedDocument(text=TEXT, title="Reform", importer="test", source_name="r.txt", file_hash="0" * 64)
        team.document_id = lena.documents.add(doc).id
        team.code_id = lena.codebook.add("Reform").id
    for name in ("Lena", "Adam", "Bob", "Cora"):
        with team.open(name) as p:
            team.codings[name] = p.codings.add(team.document_id, team.code_id, team.ids[name], 4, 12).id
            p.documents.set_status(team.document_id, team.ids[name], "in progress")
            team.memos[name] = p.memos.add("document", team.document_id, f"{name}'s note").id
    with team.open("Adam") as adam:
        team.codings["Consensus"] = adam.codings.add(team.document_id, team.code_id, team.ids["Consensus"], 4, 12).id
    return team
