"""The Agreement view: statistics per code, disagreements, coders side by side, adjudication.

``open_agreement_window(project, coder_id, undo_stack, parent) -> AgreementWindow``
opens it; adjudications are QUndoCommands pushed on ``undo_stack``.
"""

from app.gui.agreement.window import AgreementWindow, open_agreement_window

__all__ = ["AgreementWindow", "open_agreement_window"]
