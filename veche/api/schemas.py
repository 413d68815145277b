"""Out-schemas of the API's own endpoints (health, me)."""

from typing import Literal

from ninja import Schema


class HealthOut(Schema):
    status: Literal["ok", "error"]
    database: Literal["ok", "error"]


class ErrorOut(Schema):
    detail: str


class RoleOut(Schema):
    role: str
    name: str
    municipality_id: int | None
    agency_id: int | None


class MeOut(Schema):
    id: int
    public_name: str
    is_verified: bool
    roles: list[RoleOut]
