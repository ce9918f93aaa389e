"""A stored project through .qdpx and back: the consensus coder stays the consensus coder, colours stay."""

from __future__ import annotations

from app.project import Project


def test_consensus_flag_and_colours_come_back_from_our_qdpx(project, add_text, tmp_path):
    doc = add_text("The mayor promised jobs and roads.", title="Article")
    code = project.codebook.add("Jobs").id
    ann = project.coders.add("Ann", color="#aa3377").id
    agreed = project.coders.add("Agreed", color="#228833", consensus=True).id
    project.codings.add(doc, code, ann, 4, 9)
    project.codings.add(doc, code, agreed, 4, 9)
    project.memos.add("project", None, "Start with the mayor.", title="Plan")
    out = project.exchange.export(tmp_path / "p.qdpx")
    with Project.create(tmp_path / "copy.qcp") as copy:
        report = copy.exchange.import_refi(out.path)
        coders = {c.name: (c.color, c.consensus) for c in copy.coders.list()}
        assert coders == {"Ann": ("#aa3377", False), "Agreed": ("#228833", True)}
        assert report.memos == 1 and [m.text for m in copy.memos.list()] == ["Start with the mayor."]
