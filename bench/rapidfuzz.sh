#!/usr/bin/env bash
# Runs bench/rapidfuzz_peer.py in a virtual environment of its own (target/rapidfuzz-venv),
# creating it and installing rapidfuzz from PyPI the first time. Arguments go to the script.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/rapidfuzz-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import rapidfuzz" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "rapidfuzz==${RAPIDFUZZ_VERSION:-3.14.6}"
fi
exec "$venv/bin/python" bench/rapidfuzz_peer.py "$@"
