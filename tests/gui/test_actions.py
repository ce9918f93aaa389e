"""Every menu item is an action declared once in app/gui/actions.py, in the declared order."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDockWidget

from app.gui.actions import MENUS, SPECS
from app.gui.mainwindow import MainWindow


@pytest.fixture
def window(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    return w


def test_menu_bar_is_built_from_the_declared_menus(window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == [title for _name, title, _ids in MENUS]


def test_every_menu_item_is_a_declared_action_or_a_dock_toggle(window):
    declared = {f"action_{spec.id}" for spec in SPECS}
    docks = {dock.toggleViewAction() for dock in window.findChildren(QDockWidget)}
    for bar_action in window.menuBar().actions():
        for action in bar_action.menu().actions():
            if action.isSeparator() or action in docks:
                continue
            assert action.objectName() in declared, f"{bar_action.text()} › {action.text()} is not declared in SPECS"


def test_every_declared_action_has_one_menu_place_and_a_distinct_shortcut(window):
    placed = [action_id for _name, _title, ids in MENUS for action_id in ids if action_id]
    assert len(placed) == len(set(placed))
    assert set(placed) <= {spec.id for spec in SPECS}
    keys = [window.actions[i].shortcut().toString() for i in placed if not window.actions[i].shortcut().isEmpty()]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
