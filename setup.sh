#!/usr/bin/env bash
# Create .venv at the repository root and install juesuan with its pinned
# dependencies. Idempotent: re-runs only when pyproject.toml has changed.
# --with-browser also installs Debian's chromium and a CJK font (fonts-noto-cjk) for the report's
# page tests, which check that Chinese glyphs render (tests only; the product never needs either).
set -euo pipefail
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e '.[dev]'
  rm -f .venv/.installed-*
  touch "$stamp"
fi
if [ "${1:-}" = "--with-browser" ] && { ! command -v chromium >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; }; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  else
    echo "setup.sh: chromium / fonts-noto-cjk not installed (needs root and apt-get); the report's browser tests will skip or fail" >&2
  fi
fi
