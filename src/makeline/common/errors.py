"""Domain errors: every refused operation raises one, with a message a user can act on.

Views show the message on the form, the API turns it into Katana's 422 (or 404) body,
the CLI prints it. `field` names the input at fault, when there is one.
"""


class DomainError(Exception):
    """A business rule refused the operation; nothing was changed."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class NotFound(DomainError):
    """The referenced object does not exist (or is deleted/archived where that matters)."""


class InvalidTransition(DomainError):
    """A status change that the document's transition table does not allow."""


class InvalidQuantity(DomainError):
    """A quantity that is zero, negative or otherwise out of range."""


class Conflict(DomainError):
    """The document changed (or is locked by its state) so the operation cannot go ahead."""
