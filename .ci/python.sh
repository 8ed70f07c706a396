#!/usr/bin/env bash
# The real Python peers for the interop tests: bittensor 11 (btauth/1) and bittensor 10 (Axon/Dendrite,
# btwallet) in two virtual environments under .venv/, since both claim `import bittensor`. Exact pins live in
# .ci/python/requirements-v11.txt and requirements-v10.txt. Any failure fails CI with the step that failed.
set -euo pipefail
cd "$(dirname "$0")/.."
python=""
for candidate in python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(0 if sys.version_info[:2] >= (3, 10) else 1)'; then
    python="$candidate"
    break
  fi
done
if [ -z "$python" ] || ! "$python" -m venv --help >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv >/dev/null
  python=python3
fi
for sdk in v11 v10; do
  venv=".venv/bt${sdk#v}"
  requirements=".ci/python/requirements-$sdk.txt"
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -m pip freeze | grep -qxF "$(head -n1 "$requirements")"; then
    rm -rf "$venv"
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install -q --upgrade pip
    if ! "$venv/bin/python" -m pip install -q -r "$requirements"; then
      echo "python.sh: installing $requirements into $venv failed (PyPI reachable? Python $("$python" --version)); the interop tests need it" >&2
      exit 1
    fi
  fi
  echo "$venv: $("$venv/bin/python" -m pip freeze | grep -E '^bittensor' | tr '\n' ' ')"
done
