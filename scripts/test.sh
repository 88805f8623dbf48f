#!/usr/bin/env bash
# The whole test suite from a fresh clone: installs what it needs, then lint, types and pytest
# (unit, API, PostgreSQL and browser tests). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
export PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1

python3 -m pip install --quiet -e ".[test]"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || ! id postgres >/dev/null 2>&1; then
  missing+=(postgresql)
fi
command -v pgbouncer >/dev/null 2>&1 || [ -x /usr/sbin/pgbouncer ] || missing+=(pgbouncer)
command -v dbus-run-session >/dev/null 2>&1 || missing+=(dbus)
command -v gnome-keyring-daemon >/dev/null 2>&1 || missing+=(gnome-keyring)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing from apt: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "warning: ${missing[*]} missing and cannot be installed here; those tests will be skipped" >&2
  fi
fi

if [ "${CI:-}" = "true" ]; then
  # In CI nothing may be skipped for want of a browser, a database server, its pooler or a keyring.
  export HUE_S_REQUIRE_BROWSER=1 HUE_S_REQUIRE_POSTGRES=1 HUE_S_REQUIRE_KEYRING=1
  export HUE_S_REQUIRE_PGBOUNCER=1
fi

python3 -m ruff check .
python3 -m ruff format --check .
python3 -m mypy
python3 -m pytest "$@"
