"""The keyed hash of a phone code, shared by the service that checks a code and the task that
draws and sends it (neither imports the other)."""

from django.utils.crypto import salted_hmac


def code_hash(*, user_id: int, phone: str, code: str) -> str:
    # Keyed with SECRET_KEY: a six-digit code is too short for a plain hash to hide it.
    value = f"{user_id}:{phone}:{code}"
    return salted_hmac("veche.verification.PhoneCode", value, algorithm="sha256").hexdigest()
