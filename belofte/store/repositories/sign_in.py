"""Sign-in marks and spent form bindings, shared by every app process."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from belofte.store import tables as t


class SignInRepository:
    """Reads and writes sign_in_marks and spent_form_bindings."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def mark(self, keys: Sequence[str], at: datetime) -> list[int]:
        """One mark per key at `at`; their ids."""
        rows = self.session.execute(
            insert(t.SignInMark).returning(t.SignInMark.id),
            [{"key": key, "at": at} for key in keys],
        )
        return [int(i) for i in rows.scalars()]

    def counts(self, keys: Iterable[str], since: datetime) -> dict[str, int]:
        """Marks per key after `since`."""
        rows = self.session.execute(
            select(t.SignInMark.key, func.count())
            .where(t.SignInMark.key.in_(list(keys)), t.SignInMark.at > since)
            .group_by(t.SignInMark.key)
        )
        return {str(key): int(n) for key, n in rows}

    def forget(self, *, ids: Iterable[int] = (), key: str | None = None) -> None:
        """Drop the marks `ids`, and every mark of `key`."""
        ids = list(ids)
        if ids:
            self.session.execute(delete(t.SignInMark).where(t.SignInMark.id.in_(ids)))
        if key is not None:
            self.session.execute(delete(t.SignInMark).where(t.SignInMark.key == key))

    def spend(self, key: str, at: datetime) -> bool:
        """Record `key` as spent; False when it was spent already."""
        try:
            with self.session.begin_nested():
                self.session.execute(insert(t.SpentFormBinding).values(key=key, at=at))
        except IntegrityError:
            return False
        return True

    def purge(self, before: datetime) -> int:
        """Forget marks and bindings older than `before`; how many."""
        marks = self.session.execute(
            delete(t.SignInMark).where(t.SignInMark.at < before)
        )
        spent = self.session.execute(
            delete(t.SpentFormBinding).where(t.SpentFormBinding.at < before)
        )
        return int(marks.rowcount or 0) + int(spent.rowcount or 0)  # type: ignore[attr-defined]
