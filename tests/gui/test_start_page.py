"""Recent projects in File and on the start page; cancelling 'Who is coding?' leaves the start page usable."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from app.project import Project


def test_recent_projects_on_the_start_page_and_in_the_file_menu(qtbot, demo_path, tmp_path):
    from app.gui.mainwindow import MainWindow

    other = tmp_path / "other.qcp"
    with Project.create(other) as p:
        p.coders.add("Ann")
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    with Project.open(demo_path) as p:
        aigerim = p.coders.by_name("Aigerim").id
    assert w.open_project(demo_path, coder_id=aigerim)
    with Project.open(other) as p:
        ann = p.coders.by_name("Ann").id
    assert w.open_project(other, coder_id=ann)
    w.close_project()

    page = w.centralWidget()
    assert page.objectName() == "startPage"
    assert page.targets == [str(other), str(demo_path)]
    assert page.model.index(1).data().startswith("demo.qcp")
    w.recent_menu.aboutToShow.emit()
    titles = [a.text() for a in w.recent_menu.actions()]
    assert titles[0].startswith("&1 other.qcp") and titles[1].startswith("&2 demo.qcp")

    # Cancelling "Who is coding?" (demo_path has no remembered coder in a fresh window) keeps the page.
    from PySide6.QtCore import QSettings

    for key in QSettings().allKeys():
        if key.startswith("coder/"):
            QSettings().remove(key)

    def cancel():
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        dialog.done(QDialog.Rejected)

    QTimer.singleShot(80, cancel)
    page.list.activated.emit(page.model.index(1))
    assert w.project is None and w.centralWidget() is page and page.isVisible()

    # And it still opens a project from the list.
    with Project.open(demo_path) as p:
        QSettings().setValue(w._coder_key(p), aigerim)
    page.list.activated.emit(page.model.index(1))
    assert w.project is not None and w.project.display_name == "demo"
    w.close()
