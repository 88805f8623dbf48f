"""The bills module's typed API resource."""

from __future__ import annotations

import builtins

from hue_s.app.api.resources.base import API_V1, Resource
from hue_s.modules.bills.wire import Customer, CustomerAdd, PayTicket, Statement

CUSTOMERS = f"{API_V1}/bills/customers"


class BillsResource(Resource):
    """/api/v1/bills: the person's customers, a statement, paying."""

    async def customers(self) -> builtins.list[Customer]:
        """Return the customers the person follows."""
        return await self._client.request("GET", CUSTOMERS, model=builtins.list[Customer])

    async def add(self, *, draft: CustomerAdd) -> Customer:
        """Follow a customer by code."""
        body = draft.model_dump(mode="json")
        return await self._client.request("POST", CUSTOMERS, json=body, model=Customer)

    async def remove(self, *, customer_id: int) -> None:
        """Stop following a customer."""
        await self._client.request("DELETE", f"{CUSTOMERS}/{customer_id}")

    async def statement(self, *, customer_id: int) -> Statement:
        """Return a customer's current bill, 12 months and coming outages."""
        return await self._client.request("GET", f"{CUSTOMERS}/{customer_id}", model=Statement)

    async def pay(self, *, customer_id: int) -> PayTicket:
        """Return what to pay the current bill with (409 bill_already_paid)."""
        path = f"{CUSTOMERS}/{customer_id}/pay"
        return await self._client.request("POST", path, model=PayTicket)
