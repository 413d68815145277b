"""Schemathesis hooks for scripts/schemathesis_run.sh and veche/api/tests/test_schemathesis.py.

The schema declares every rule the server checks that JSON Schema can say. A few rules depend
on stored data or on the day, which no schema can say: the point must lie inside a municipality
of the portal, a topic may need a photo, an upload must really be a photo or video, a planned
date cannot be in the past, an answer can be reviewed only while the report is answered. The
services refuse those with a 422 whose entries have the type `invalid`.

So the run lets a schema-valid request be refused with 422 only by such a rule
(schemathesis.toml adds 422 to positive_data_acceptance) and this check fails any 422 to a
schema-valid request that comes from the API's own validation (a pydantic error type such as
`missing`, `string_too_long`, `date_parsing`, or `string_nul`): that would be a schema promising
more than the server takes.

Likewise a list's `cursor` is opaque: only one the server issued (signed, within a day, for the
same ordering, without an offset) is good, so a made-up one is a 400 that no schema can tell from
a good one. 400 is allowed to a schema-valid request only when it carries a cursor.
"""

import schemathesis
from schemathesis import Case, CheckContext, Response

DOMAIN_ERROR = "invalid"


@schemathesis.check
def schema_valid_input_passes_validation(
    ctx: CheckContext, response: Response, case: Case
) -> bool | None:
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    if response.status_code == 400 and not (case.query or {}).get("cursor"):
        raise AssertionError("Schema-valid request refused with 400 without a cursor.")
    if response.status_code != 422:
        return None
    try:
        errors = response.json()["detail"]
    except (ValueError, KeyError, TypeError):
        errors = [{"type": "unreadable"}]
    refused = [e for e in errors if not isinstance(e, dict) or e.get("type") != DOMAIN_ERROR]
    if refused:
        raise AssertionError(f"Schema-valid request refused by the API's validation: {refused}")
    return None
