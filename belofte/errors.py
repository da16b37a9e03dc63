"""The errors belofte raises: no HTTP status or exit code here, the edges map them."""

from __future__ import annotations


class BelofteError(Exception):
    """Base of every error meant for a user: its message is one readable line."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidInput(BelofteError):
    """The user gave something belofte cannot use; `problems` lists each reason."""

    def __init__(self, message: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


class NotFound(BelofteError):
    """A named thing does not exist."""

    def __init__(self, kind: str, key: object, hint: str = "") -> None:
        text = f"{kind} {key!s} not found"
        super().__init__(f"{text}; {hint}" if hint else text)
        self.kind = kind
        self.key = key


class WorkspaceNotFound(NotFound):
    """No workspace (a folder with belofte.yaml) where one was looked for."""

    def __init__(self, where: str) -> None:
        super().__init__("workspace", where)
        self.message = (
            f"no belofte workspace {where}; create one with `belofte init DIR`, "
            "or point to it with --workspace DIR or BELOFTE_WORKSPACE"
        )


class Conflict(BelofteError):
    """The request contradicts existing data (e.g. removing a theme that has data)."""

    def __init__(self, message: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


class NotAuthenticated(BelofteError):
    """The caller did not say who they are, or the credentials are not valid."""


class NotPermitted(BelofteError):
    """The caller's role or location scope does not allow this."""


class UnsupportedByEngine(BelofteError):
    """The analytics engine lacks a capability this analysis needs."""


class StoreUnavailable(BelofteError):
    """The database cannot be reached or is not at the schema this version needs."""
