"""Public services' HTTP API, a file per resource: the catalogue (public), filing, drafts and
dossiers (citizens), the ward's steps (staff), tracking by code (anyone, no personal data).
`router` includes them in this order, the order their paths are matched in."""

from __future__ import annotations

from fastapi import APIRouter

from hue_s.modules.services.backend.routes import catalogue, dossiers, drafts, filing, staff

router = APIRouter()
for part in (catalogue.router, filing.router, drafts.router, dossiers.router, staff.router):
    router.include_router(part)
