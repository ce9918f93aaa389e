"""project.agreement: which documents count, what is loaded, the report, adjudication with undo."""

from __future__ import annotations

import pytest

from app.core.agreement.segments import disagreement_regions
from app.core.records import DocStatus
from app.project import NotFoundError, ValidationError
from app.project.agreement import run
from app.project.agreement_export import report_rows

TEXT1 = "The minister spoke. Reform is needed now.\n\nCritics disagreed. They said no."
TEXT2 = "Ақорда said: “Әділетті Қазақстан” 😀 matters. Another sentence here."


@pytest.fixture
def study(project, add_text):
    d1, d2, d3 = add_text(TEXT1, "One"), add_text(TEXT2, "Two"), add_text("Untouched text.", "Three")
    reform = project.codebook.add_path("Politics/Reform").id
    crit = project.codebook.add_path("Politics/Criticism").id
    project.codebook.add_path("Unused")
    a, b, c = (project.coders.add(n).id for n in ("Ann", "Ben", "Cem"))
    add = project.codings.add
    add(d1, reform, a, 20, 41); add(d1, reform, b, 20, 38)
    add(d1, crit, a, 43, 61); add(d1, crit, b, 43, 61); add(d1, crit, b, 62, 75)
    add(d2, reform, a, 0, 10)  # Ben codes nothing in d2 but marks it done
    project.documents.set_status(d2, b, DocStatus.DONE)
    add(d3, crit, c, 0, 5)
    return {"docs": (d1, d2, d3), "reform": reform, "crit": crit, "coders": (a, b, c)}


def test_default_documents_are_those_done_or_coded_by_every_coder(project, study):
    d1, d2, d3 = study["docs"]
    inputs = project.agreement.inputs(["Ann", "Ben"])
    assert inputs.documents == (d1, d2)
    assert inputs.codes == ("Politics/Reform", "Politics/Criticism")  # codebook order, used codes only
    assert sorted(inputs.codings["Ben"]) == [(d1, "Politics/Criticism", 43, 61), (d1, "Politics/Criticism", 62, 75),
                                             (d1, "Politics/Reform", 20, 38)]
    with pytest.raises(ValidationError, match="no document is marked done or coded by all of Ann, Cem"):
        project.agreement.inputs(["Ann", "Cem"])


def test_report_matches_hand_counts(project, study):
    d1, d2, _ = study["docs"]
    result = project.agreement.report(["Ann", "Ben"])
    js = result.report.to_json()
    assert js["coders"] == ["Ann", "Ben"] and js["documents"] == [d1, d2]
    reform = js["codes"][0]
    assert reform["code"] == "Politics/Reform"
    assert reform["units"] == len(TEXT1) + len(TEXT2)
    assert reform["coded_units"] == {"Ann": 21 + 10, "Ben": 18}
    # 13 characters differ (3 in d1, 10 in d2)
    assert reform["percent_agreement"] == pytest.approx(1 - 13 / reform["units"])
    per_doc = {d["document"]: d for d in reform["per_document"]}
    assert per_doc[d2]["percent_agreement"] == pytest.approx(1 - 10 / len(TEXT2))
    crit = js["codes"][1]
    assert crit["coded_units"] == {"Ann": 18, "Ben": 31}
    assert report_rows(result.report)[-1]["code"] == "(overall)"


def test_excluded_text_is_not_a_unit(project, study):
    from app.storage import models as m

    d1 = study["docs"][0]
    with project.db.session() as s:
        s.add(m.ExcludedSpan(document_id=d1, start=0, end=20, reason="byline"))
    js = project.agreement.report(["Ann", "Ben"], documents=[d1]).report.to_json()
    assert js["codes"][0]["units"] == len(TEXT1) - 20


def test_explicit_codes_and_documents_and_undefined_values(project, study):
    d1, d2, d3 = study["docs"]
    js = project.agreement.report(["Ann", "Ben"], codes=["Unused"], documents=[d3]).report.to_json()
    code = js["codes"][0]
    assert code["code"] == "Unused" and code["coded_units"] == {"Ann": 0, "Ben": 0}
    assert code["cohen_kappa"] is None and code["krippendorff_alpha"] is None  # 0/0, not a made-up number
    assert code["percent_agreement"] == 1.0
    with pytest.raises(NotFoundError):
        project.agreement.inputs(["Ann", "Ben"], documents=[999])
    with pytest.raises(NotFoundError):
        project.agreement.inputs(["Ann", "Nobody"])
    with pytest.raises(ValidationError):
        project.agreement.inputs(["Ann", "Ann"])


def test_sentence_units_from_the_table_or_the_sentencizer(project, study):
    from app.storage import models as m

    d1, d2, _ = study["docs"]
    computed = project.agreement.inputs(["Ann", "Ben"], unit="sentence")
    assert computed.sentences == {} and computed.texts[d1] == TEXT1
    js = run(computed).report.to_json()
    reform = js["codes"][0]
    # d1: 4 sentences; d2: 2 sentences. Both coders code sentence 2 of d1; Ann alone sentence 1 of d2.
    assert reform["units"] == 6 and reform["coded_units"] == {"Ann": 2, "Ben": 1}
    with project.db.session() as s:  # stored sentences win: one sentence for all of d1
        s.add(m.Sentence(document_id=d1, start=0, end=len(TEXT1)))
    stored = project.agreement.inputs(["Ann", "Ben"], unit="sentence")
    assert stored.sentences == {d1: [(0, len(TEXT1))]}
    assert run(stored).report.to_json()["codes"][0]["units"] == 3


def test_paragraph_and_document_units(project, study):
    js = project.agreement.report(["Ann", "Ben"], unit="document").report.to_json()
    reform = js["codes"][0]
    assert reform["units"] == 2 and reform["coded_units"] == {"Ann": 2, "Ben": 1}
    js = project.agreement.report(["Ann", "Ben"], unit="paragraph").report.to_json()
    assert js["codes"][1]["units"] == 3


def test_bootstrap_is_reproducible(project, study):
    one = project.agreement.report(["Ann", "Ben"], bootstrap=200, seed=3).report.to_json()
    two = project.agreement.report(["Ann", "Ben"], bootstrap=200, seed=3).report.to_json()
    assert one == two


def test_adjudication_writes_consensus_and_undoes(project, study):
    d1 = study["docs"][0]
    a, b, _ = study["coders"]
    reform = study["reform"]
    result = project.agreement.report(["Ann", "Ben"])
    region = disagreement_regions(result.study, "Politics/Reform", d1)[0]
    assert (region.start, region.end, region.coded_by) == (38, 41, ("Ann",))

    spans = project.agreement.proposal(d1, reform, "a", (region.start, region.end), a, b)
    assert spans == [(20, 41)]
    adj = project.agreement.adjudicate(d1, reform, (region.start, region.end), spans)
    consensus = project.coders.get(adj.consensus_id)
    assert consensus.consensus and consensus.name == "Consensus"
    assert [(c.start, c.end) for c in project.codings.for_document(d1, [adj.consensus_id])] == [(20, 41)]

    # Accepting B's version replaces the consensus coding, not adds to it.
    spans_b = project.agreement.proposal(d1, reform, "b", (region.start, region.end), a, b)
    adj2 = project.agreement.adjudicate(d1, reform, (region.start, region.end), spans_b, adj.consensus_id)
    assert [(c.start, c.end) for c in project.codings.for_document(d1, [adj.consensus_id])] == [(20, 38)]
    logged = [(e.action, e.entity_id) for e in project.audit.entries(entity="coding")]
    assert ("delete", adj.added[0].id) in logged and ("add", adj2.added[0].id) in logged

    project.agreement.revert(adj2)
    assert [(c.start, c.end, c.id) for c in project.codings.for_document(d1, [adj.consensus_id])] == \
        [(20, 41, adj.added[0].id)]
    project.agreement.reapply(adj2)
    assert [(c.start, c.end) for c in project.codings.for_document(d1, [adj.consensus_id])] == [(20, 38)]
    project.agreement.revert(adj2)
    project.agreement.revert(adj)
    assert project.codings.for_document(d1, [adj.consensus_id]) == []
    assert project.agreement.consensus_coder() == adj.consensus_id  # reused, not duplicated


def test_accepting_a_coder_who_did_not_code_clears_the_consensus(project, study):
    d2 = study["docs"][1]
    a, b, _ = study["coders"]
    reform = study["reform"]
    adj = project.agreement.adjudicate(d2, reform, (0, 10), project.agreement.proposal(d2, reform, "a", (0, 10), a, b))
    assert len(adj.added) == 1
    none = project.agreement.proposal(d2, reform, "b", (0, 10), a, b)
    assert none == []
    adj2 = project.agreement.adjudicate(d2, reform, (0, 10), none, adj.consensus_id)
    assert [c.id for c in adj2.removed] == [adj.added[0].id]
    assert project.codings.for_document(d2, [adj.consensus_id]) == []
    with pytest.raises(ValidationError):
        project.agreement.adjudicate(d2, reform, (0, 10), [(0, 3)], consensus_id=a)
