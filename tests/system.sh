#!/bin/sh
# What the test suite needs from the system, checked by `make test` before anything runs.
#
#   chromium      a real headless browser (tests/test_browse_safety.py)
#   redis-server  a real Redis (tests/test_distributed.py, tests/test_run_context.py)
#   python3-venv  `python3 -m venv`, which builds .venv
#
# Missing ones are installed with Debian's apt-get when this runs as root and
# SYSTEM_INSTALL is not `no`; otherwise the script names each missing program, the
# package that provides it and the command that installs them, and exits with status 2
# before any test runs. Usage: tests/system.sh [PYTHON] (default python3).
set -u
PYTHON=${1:-python3}
SYSTEM_INSTALL=${SYSTEM_INSTALL:-yes}

missing() {
    # Print "program package" for each requirement that is not met.
    command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
        || echo "chromium chromium"
    command -v redis-server >/dev/null 2>&1 || echo "redis-server redis-server"
    "$PYTHON" -c "import ensurepip, venv" >/dev/null 2>&1 || echo "$PYTHON-venv python3-venv"
}

packages() {
    missing | cut -d' ' -f2 | tr '\n' ' ' | sed 's/ *$//'
}

need=$(packages)
[ -z "$need" ] && exit 0

if [ "$SYSTEM_INSTALL" != no ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "make test: installing the Debian packages the tests need: $need"
    export DEBIAN_FRONTEND=noninteractive
    # shellcheck disable=SC2086 # one word per package
    apt-get update -q && apt-get install -y -q --no-install-recommends $need
    need=$(packages)
    [ -z "$need" ] && exit 0
fi

{
    echo "make test: the tests need programs this machine does not have:"
    missing | while read -r program package; do
        echo "  $program (Debian package $package)"
    done
    if [ "$SYSTEM_INSTALL" = no ]; then
        why="SYSTEM_INSTALL=no"
    elif [ "$(id -u)" != 0 ]; then
        why="not root"
    elif ! command -v apt-get >/dev/null 2>&1; then
        why="no apt-get"
    else
        why="apt-get did not provide them"
    fi
    echo "They were not installed ($why). Install them, then run make test again:"
    echo "  sudo apt-get install --no-install-recommends $need"
    echo "(other systems: install Chromium, Redis 6.2 or later and Python's venv module"
    echo "so that chromium, redis-server and $PYTHON -m venv work)"
} >&2
exit 2
