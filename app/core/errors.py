"""The root of every error a user can cause and fix.

Every layer raises subclasses of :class:`QuotecoderError` with a one-sentence
message that says what is wrong and, where it helps, what to do. The CLI prints
that sentence and exits 1; the GUI shows it in a message box. Anything else is a
bug and keeps its traceback.
"""


class QuotecoderError(Exception):
    """Base of the errors a user can cause and fix."""


class ValidationError(QuotecoderError, ValueError):
    """Input that breaks a rule: an empty name, an offset past the end, a bad colour."""
