"""Customers: the pseudonymous row everyone uses, and the personal data kept apart.

This is the only module that reads or writes `customer_pii` (a test enforces it).
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from belofte.domain.privacy import PersonalData, pseudonymous_key
from belofte.store.tables import Customer, CustomerPII


class CustomerRepository:
    """Find or create customers by their source id; personal data only on request."""

    def __init__(self, session: Session, salt: str) -> None:
        self.session = session
        self.salt = salt

    def upsert(
        self,
        source: str,
        external_id: str,
        *,
        segment: str | None = None,
        attributes: dict[str, Any] | None = None,
        personal: PersonalData | None = None,
    ) -> Customer:
        """The customer for (source, external_id), created or updated."""
        key = pseudonymous_key(self.salt, source, external_id)
        now = datetime.now(UTC)
        customer = self.session.scalar(select(Customer).where(Customer.key == key))
        if customer is None:
            customer = Customer(
                key=key, segment=segment, attributes=attributes or {}, first_seen=now
            )
            self.session.add(customer)
            self.session.flush()
        else:
            if segment is not None:
                customer.segment = segment
            if attributes:
                customer.attributes = {**customer.attributes, **attributes}
        if personal is not None:
            pii = self.session.get(CustomerPII, customer.id)
            values = asdict(personal)
            if pii is None:
                self.session.add(
                    CustomerPII(
                        customer_id=customer.id,
                        source=source,
                        external_id=external_id,
                        updated_at=now,
                        **values,
                    )
                )
            else:
                for name, value in values.items():
                    setattr(pii, name, value)
                pii.updated_at = now
        self.session.flush()
        return customer

    def personal_data(self, customer_id: int) -> PersonalData | None:
        """The personal data of a customer: an explicit, auditable read."""
        pii = self.session.get(CustomerPII, customer_id)
        if pii is None:
            return None
        return PersonalData(
            name=pii.name,
            email=pii.email,
            phone=pii.phone,
            street=pii.street,
            postcode=pii.postcode,
            city=pii.city,
            country=pii.country,
            consent_survey=pii.consent_survey,
            consent_marketing=pii.consent_marketing,
            consent_profiling=pii.consent_profiling,
        )
