"""Vietnamese mobile numbers: accept 0xxxxxxxxx or +84xxxxxxxxx, answer E.164 (+84...)."""

from __future__ import annotations

import re

import phonenumbers

SEPARATORS = re.compile(r"[\s.\-()]")
ACCEPTED_FORMS = re.compile(r"(?:0|\+84)([1-9]\d{8})")


class InvalidPhone(ValueError):
    """The text is not a Vietnamese mobile number in an accepted form."""


def normalise_phone(text: str) -> str:
    """Return the E.164 form of a Vietnamese mobile number, or raise InvalidPhone.

    Spaces, dots, dashes and brackets are ignored ("090 512 3456" is fine); the number must then
    read 0 + 9 digits or +84 + 9 digits and be a mobile number, since the code goes by SMS.
    """
    compact = SEPARATORS.sub("", text)
    match = ACCEPTED_FORMS.fullmatch(compact)
    if match is None:
        raise InvalidPhone("expected 0xxxxxxxxx or +84xxxxxxxxx")
    e164 = "+84" + match.group(1)
    parsed = phonenumbers.parse(e164)
    is_mobile = phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.MOBILE
    if not (phonenumbers.is_valid_number(parsed) and is_mobile):
        raise InvalidPhone("not a Vietnamese mobile number")
    return e164
