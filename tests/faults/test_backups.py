"""Rolling backups: one a day on open, the newest N kept, and a restore that can be undone."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.project import Project
from app.project.backups import folder_for, list_backups, restore_backup, rolling_backup
from tests.faults.conftest import document


def test_at_most_one_backup_a_day_and_only_the_newest_kept(tmp_path):
    path = tmp_path / "study.qcp"
    Project.create(path).close()
    day = datetime(2026, 3, 1, 9, 0, 0)
    assert rolling_backup(path, keep=3, now=day) is not None
    assert rolling_backup(path, keep=3, now=day + timedelta(hours=5)) is None  # same day: no second copy
    for n in range(1, 5):
        assert rolling_backup(path, keep=3, now=day + timedelta(days=n)) is not None
    assert [b.taken.date().day for b in list_backups(path)] == [5, 4, 3]
    assert rolling_backup(path, keep=0, now=day + timedelta(days=9)) is None


def test_a_backup_holds_the_project_as_it_was_and_restoring_it_can_be_undone(tmp_path):
    path = tmp_path / "study.qcp"
    with Project.create(path) as p:
        p.documents.add(document(1))
        first = rolling_backup(path, now=datetime(2026, 3, 1, 9, 0))
        p.documents.add(document(2))  # after the backup
    assert first is not None and first.parent == folder_for(path)
    safety = restore_backup(path, first, now=datetime(2026, 3, 2, 9, 0))
    with Project.open(path) as p:
        assert [d.title for d in p.documents.list()] == ["Doc 1"]
        p.codebook.add("After the restore")
    with Project.open(safety) as before_restore:
        assert [d.title for d in before_restore.documents.list()] == ["Doc 1", "Doc 2"]
    assert [b.path for b in list_backups(path)] == [safety, first]


def test_two_backups_in_the_same_second_list_the_later_first(tmp_path):
    from app.project.backups import take_backup

    path = tmp_path / "study.qcp"
    Project.create(path).close()
    moment = datetime(2026, 3, 1, 9, 0, 0)
    first, second = take_backup(path, moment), take_backup(path, moment)
    assert first != second
    assert [b.path for b in list_backups(path)] == [second, first]
