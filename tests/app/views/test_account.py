"""Account screen logic: drafts of the profile win over the server's values until saved."""

from __future__ import annotations

from hue_s.app.api.models.accounts import User
from hue_s.app.i18n import I18n
from hue_s.app.views.account.home import ROLE_NAMES, profile_values

USER = User(id=7, phone="+84905123456", role="citizen", display_name="Hoa", address=None)


def test_the_server_values_fill_the_profile() -> None:
    assert profile_values(USER, None) == {"display_name": "Hoa", "address": ""}


def test_an_unsaved_draft_wins_and_unknown_fields_are_ignored() -> None:
    draft = {"display_name": "Hoa Lê", "address": "12 Lê Lợi", "role": "admin"}
    assert profile_values(USER, draft) == {"display_name": "Hoa Lê", "address": "12 Lê Lợi"}


def test_every_role_has_a_vietnamese_name() -> None:
    vi = I18n("vi")
    assert all(vi.gettext(name) != name for name in ROLE_NAMES.values())
