"""Who may do what, and see which locations: roles, principals, pure checks.

A `Principal` is whoever makes a request: a signed-in user or an API token. Its
role says what it may do (`may`); managers and staff are also scoped to their
locations (and teams), and see nothing of another location. Everything here is
plain values: the services load principals, the edges map `NotPermitted`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from belofte.errors import NotPermitted

__all__ = [
    "ROLE_PERMISSIONS",
    "Permission",
    "Principal",
    "Role",
    "allowed_locations",
    "is_visible",
    "may",
    "require",
    "scope_filter",
]


class Role(StrEnum):
    """What a user or token is for."""

    ADMIN = "admin"  # everything, users and tokens included
    ANALYST = "analyst"  # every location's data, imports, exports; no users
    MANAGER = "manager"  # their own locations' data and numbers
    STAFF = "staff"  # only what the customer card needs


class Permission(StrEnum):
    """An action a role may take."""

    INGEST = "ingest"  # send records through the ingest API
    ANALYSE_TEXT = "analyse_text"  # analyse a free text (nothing stored)
    READ_VERBATIMS = "read_verbatims"  # read stored (redacted) texts and labels
    CORRECT_LABELS = "correct_labels"
    READ_RESULTS = "read_results"  # Measure figures (scoped for managers)
    EXPORT = "export"
    VIEW_CUSTOMER_CARD = "view_customer_card"
    MANAGE_USERS = "manage_users"  # users and API tokens
    VIEW_AUDIT = "view_audit"
    VIEW_SETTINGS = "view_settings"  # the blueprint: every location's name
    EDIT_BLUEPRINT = "edit_blueprint"
    MANAGE_JOBS = "manage_jobs"  # see, retry and cancel background jobs


_READER = frozenset(
    {
        Permission.ANALYSE_TEXT,
        Permission.READ_VERBATIMS,
        Permission.CORRECT_LABELS,
        Permission.READ_RESULTS,
        Permission.VIEW_CUSTOMER_CARD,
    }
)
#: The one table of who may do what.
ROLE_PERMISSIONS: Mapping[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.ANALYST: _READER
    | {Permission.INGEST, Permission.EXPORT, Permission.VIEW_SETTINGS},
    Role.MANAGER: _READER,
    Role.STAFF: frozenset({Permission.VIEW_CUSTOMER_CARD}),
}
#: Roles limited to their own locations.
SCOPED_ROLES = frozenset({Role.MANAGER, Role.STAFF})


@dataclass(frozen=True, slots=True)
class Principal:
    """A signed-in user or an API token, with its role and location scope."""

    kind: Literal["user", "token", "cli"]
    id: int
    name: str
    role: Role
    locations: frozenset[str] = frozenset()
    teams: frozenset[str] = frozenset()

    @property
    def is_scoped(self) -> bool:
        """Whether this principal sees only its own locations."""
        return self.role in SCOPED_ROLES

    @property
    def actor(self) -> str:
        """How the audit log names this principal: `user:anna`, `token:3:loader`."""
        if self.kind == "token":
            return f"token:{self.id}:{self.name}"
        return f"{self.kind}:{self.name}"


def may(principal: Principal, permission: Permission) -> bool:
    """Whether `principal`'s role allows `permission`.

    Examples
    --------
    >>> p = Principal("user", 1, "anna", Role.MANAGER, frozenset({"utrecht"}))
    >>> may(p, Permission.READ_RESULTS), may(p, Permission.INGEST)
    (True, False)

    """
    return permission in ROLE_PERMISSIONS[principal.role]


def require(principal: Principal, permission: Permission) -> None:
    """Raise NotPermitted unless `principal` may take `permission`."""
    if not may(principal, permission):
        action = permission.value.replace("_", " ")
        raise NotPermitted(f"the {principal.role.value} role may not {action}")


def allowed_locations(principal: Principal) -> frozenset[str] | None:
    """The location codes `principal` may see; None means every location."""
    return principal.locations if principal.is_scoped else None


def is_visible(principal: Principal, location: str | None) -> bool:
    """Whether a record at `location` (None: no location) is in scope.

    A scoped principal sees no record without a location: it belongs to no store
    of theirs.

    Examples
    --------
    >>> p = Principal("user", 1, "anna", Role.MANAGER, frozenset({"utrecht"}))
    >>> is_visible(p, "utrecht"), is_visible(p, "almere"), is_visible(p, None)
    (True, False, False)

    """
    allowed = allowed_locations(principal)
    return allowed is None or (location is not None and location in allowed)


def scope_filter(
    principal: Principal, where: Mapping[str, Iterable[str]], dimension: str
) -> dict[str, tuple[str, ...]]:
    """`where` with `dimension` forced into `principal`'s locations.

    Asking for a location outside the scope raises NotPermitted; asking for
    none gives every allowed location. A scoped principal without locations
    may see no figures at all (NotPermitted).

    Examples
    --------
    >>> p = Principal("user", 1, "anna", Role.MANAGER, frozenset({"utrecht"}))
    >>> scope_filter(p, {"channel": ["winkel"]}, "location")
    {'channel': ('winkel',), 'location': ('utrecht',)}

    """
    result = {name: tuple(values) for name, values in where.items()}
    allowed = allowed_locations(principal)
    if allowed is None:
        return result
    if not allowed:
        raise NotPermitted("you have no locations: ask an admin to assign one")
    asked = result.get(dimension)
    if asked:
        outside = sorted(set(asked) - allowed)
        if outside:
            raise NotPermitted(f"location {outside[0]} is outside your scope")
        return result
    result[dimension] = tuple(sorted(allowed))
    return result
