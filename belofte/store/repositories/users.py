"""Users, their locations and teams, and their signed-in sessions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from belofte.errors import NotFound
from belofte.store import tables as t


@dataclass(frozen=True, slots=True)
class UserRecord:
    """A user as stored (the password hash stays in the services)."""

    id: int
    username: str
    role: str
    password_hash: str
    disabled: bool
    created_at: datetime
    last_login_at: datetime | None
    locations: tuple[str, ...]
    teams: tuple[str, ...]


class UserRepository:
    """Reads and writes users, user_locations, user_teams and user_sessions."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        username: str,
        role: str,
        password_hash: str,
        now: datetime,
        locations: Iterable[str] = (),
        teams: Iterable[str] = (),
    ) -> int:
        """Store a new user; location and team codes must exist."""
        row = t.User(
            username=username,
            role=role,
            password_hash=password_hash,
            disabled=False,
            created_at=now,
        )
        self.session.add(row)
        self.session.flush()
        self.assign(row.id, locations, teams)
        return row.id

    def assign(
        self, user_id: int, locations: Iterable[str], teams: Iterable[str]
    ) -> None:
        """Replace the user's locations and teams (codes)."""
        self.session.execute(
            delete(t.UserLocation).where(t.UserLocation.user_id == user_id)
        )
        self.session.execute(delete(t.UserTeam).where(t.UserTeam.user_id == user_id))
        for location_id in self._ids(t.LocationRow, "location", locations):
            self.session.add(t.UserLocation(user_id=user_id, location_id=location_id))
        for team_id in self._ids(t.TeamRow, "team", teams):
            self.session.add(t.UserTeam(user_id=user_id, team_id=team_id))
        self.session.flush()

    def _ids(
        self,
        model: type[t.LocationRow] | type[t.TeamRow],
        kind: str,
        codes: Iterable[str],
    ) -> list[int]:
        wanted = list(dict.fromkeys(codes))
        if not wanted:
            return []
        rows = self.session.execute(
            select(model.code, model.id).where(model.code.in_(wanted))
        )
        found = {code: row_id for code, row_id in rows}  # noqa: C416 - Row, not tuple
        for code in wanted:
            if code not in found:
                raise NotFound(kind, code, "see `belofte blueprint show`")
        return [found[code] for code in wanted]

    def by_username(self, username: str) -> UserRecord | None:
        """The user called `username`, if any."""
        row = self.session.scalar(select(t.User).where(t.User.username == username))
        return self._record(row) if row is not None else None

    def by_id(self, user_id: int) -> UserRecord | None:
        """The user with id `user_id`, if any."""
        row = self.session.get(t.User, user_id)
        return self._record(row) if row is not None else None

    def all(self) -> list[UserRecord]:
        """Every user, by username."""
        rows = self.session.scalars(select(t.User).order_by(t.User.username))
        return [self._record(row) for row in rows]

    def count(self) -> int:
        """How many users exist."""
        return len(self.session.scalars(select(t.User.id)).all())

    def _record(self, row: t.User) -> UserRecord:
        locations = self.session.scalars(
            select(t.LocationRow.code)
            .join(t.UserLocation, t.UserLocation.location_id == t.LocationRow.id)
            .where(t.UserLocation.user_id == row.id)
            .order_by(t.LocationRow.code)
        ).all()
        teams = self.session.scalars(
            select(t.TeamRow.code)
            .join(t.UserTeam, t.UserTeam.team_id == t.TeamRow.id)
            .where(t.UserTeam.user_id == row.id)
            .order_by(t.TeamRow.code)
        ).all()
        return UserRecord(
            row.id,
            row.username,
            row.role,
            row.password_hash,
            row.disabled,
            row.created_at,
            row.last_login_at,
            tuple(locations),
            tuple(teams),
        )

    def update(self, user_id: int, **values: object) -> None:
        """Set columns of a user (disabled, password_hash, role, last_login_at)."""
        row = self.session.get(t.User, user_id)
        if row is None:
            raise NotFound("user", user_id)
        for name, value in values.items():
            setattr(row, name, value)
        self.session.flush()

    # -- sessions
    def add_session(
        self, token_hash: str, user_id: int, now: datetime, expires_at: datetime
    ) -> None:
        """Store a new signed-in session (by the hash of its cookie secret)."""
        self.session.add(
            t.UserSession(
                token_hash=token_hash,
                user_id=user_id,
                created_at=now,
                expires_at=expires_at,
            )
        )
        self.session.flush()

    def session_user(self, token_hash: str, now: datetime) -> int | None:
        """The user id of an unexpired session, if any."""
        row = self.session.get(t.UserSession, token_hash)
        if row is None or _aware(row.expires_at) <= now:
            return None
        return row.user_id

    def end_session(self, token_hash: str) -> None:
        """Forget a session (sign out)."""
        self.session.execute(
            delete(t.UserSession).where(t.UserSession.token_hash == token_hash)
        )

    def end_sessions_of(self, user_id: int) -> None:
        """Forget every session of a user (disabled, new password)."""
        self.session.execute(
            delete(t.UserSession).where(t.UserSession.user_id == user_id)
        )


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes for timezone columns: they are UTC."""
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
