#!/usr/bin/env bash
# Fuzz /api/v1 from outside, as an app developer's generated client would call it: a live
# server with the demo data, a resident's API token, and schemathesis with every check.
#
#   scripts/schemathesis_run.sh                 # about 2,900 requests
#   EXAMPLES=300 scripts/schemathesis_run.sh    # more per operation (PYTHON=… picks the venv)
#
# A fresh SQLite file (var/st.sqlite3) and a free loopback port, so it never touches the
# development database or a server already running. Exits non-zero on any failure.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON="$(command -v python3)"
EXAMPLES="${EXAMPLES:-100}"
SEED="${SEED:-7}"
USER_EMAIL="${USER_EMAIL:-resident@demo.veche}"

export DATABASE_URL="sqlite:///$ROOT/var/st.sqlite3"
export MEDIA_ROOT="$ROOT/var/st-media"
export DJANGO_SETTINGS_MODULE=veche.settings.dev
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
cd "$ROOT"
mkdir -p var
rm -rf "$ROOT/var/st.sqlite3"* "$MEDIA_ROOT"

echo "Preparing the demo database in var/st.sqlite3 …"
"$PYTHON" manage.py migrate --no-input >/dev/null
"$PYTHON" manage.py seed_demo >/dev/null
KEY="$("$PYTHON" manage.py create_api_token schemathesis --user "$USER_EMAIL" | tail -n 1)"

PORT="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$PYTHON" manage.py runserver "127.0.0.1:$PORT" --noreload >var/st-server.log 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$PORT/api/v1/health" >/dev/null && break
    sleep 0.2
done

echo "Running schemathesis against http://127.0.0.1:$PORT/api/v1/openapi.json as $USER_EMAIL …"
set +e
SCHEMATHESIS_HOOKS=scripts.schemathesis_hooks "$PYTHON" -m schemathesis.cli \
    --config-file scripts/schemathesis.toml run "http://127.0.0.1:$PORT/api/v1/openapi.json" \
    --checks all \
    --header "Authorization: Bearer $KEY" \
    --max-examples "$EXAMPLES" \
    --seed "$SEED" \
    --workers 1 \
    --no-color \
    "$@"
STATUS=$?
set -e

# The server's own count: every request it answered, by status (runserver's log).
echo "Requests the server answered: $(grep -cE '" [0-9]{3} ' var/st-server.log), by status:"
grep -oE '" [0-9]{3} ' var/st-server.log | tr -d '" ' | sort | uniq -c
if grep -qE '" 5[0-9]{2} ' var/st-server.log; then
    echo "Server errors: see var/st-server.log"
    STATUS=1
fi
exit "$STATUS"
