"""What the services routes ask of each request: the catalogue, who is asking, the language,
and the shapes of codes and notes in paths and bodies."""

from __future__ import annotations

from typing import Annotated

from fastapi import Body, Depends, Path

from hue_s.backend.accounts.deps import current_user, require_roles
from hue_s.backend.accounts.models import User
from hue_s.backend.kernel.locale import request_language
from hue_s.modules.services.backend.catalogue import Catalogue, catalogue_of
from hue_s.modules.services.backend.dossiers import STAFF_EVERYWHERE

CatalogueDependency = Annotated[Catalogue, Depends(catalogue_of)]
Citizen = Annotated[User, Depends(current_user)]
Staff = Annotated[User, Depends(require_roles("officer", *STAFF_EVERYWHERE))]
WardOfficer = Annotated[User, Depends(require_roles("officer"))]
DossierCode = Annotated[str, Path(min_length=8, max_length=32, pattern=r"^[0-9A-Z-]+$")]
ProcedureCode = Annotated[str, Path(max_length=40)]
Note = Annotated[str | None, Body(embed=True, max_length=2000)]
Language = Annotated[str, Depends(request_language)]
PAGE = 200
"""At most this many items in one list."""
