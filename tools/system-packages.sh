#!/usr/bin/env bash
# Install the Debian packages Liaison Desktop needs and say which; `make run`, `make test` and
# .ci/run call it first. The list is liaison_desktop/resources/debian-packages.txt.
#
#   tools/system-packages.sh [--python PYTHON] [--list] venv|run|test
#
# venv: what makes .venv; run: the app as well; test: the test suite and `make package` too.
# It is quick when nothing is missing (one dpkg-query, no apt-get update). --list prints the
# packages for that need and stops. LIAISON_SKIP_SYSTEM=1 skips it all, for people who manage
# packages themselves. Where it cannot install (no apt-get, no root and no sudo, or sudo would
# ask for a password with nobody to type it) it prints the one apt-get line to run and fails.
set -euo pipefail

LIST="$(dirname "$0")/../liaison_desktop/resources/debian-packages.txt"
python=python3
list_only=0
need=""
while [ $# -gt 0 ]; do
  case "$1" in
    --python) python="$2"; shift 2 ;;
    --list) list_only=1; shift ;;
    venv|run|test) need="$1"; shift ;;
    *) echo "usage: $0 [--python PYTHON] [--list] venv|run|test" >&2; exit 64 ;;
  esac
done
if [ -z "$need" ]; then
  echo "usage: $0 [--python PYTHON] [--list] venv|run|test" >&2
  exit 64
fi
if [ "${LIAISON_SKIP_SYSTEM:-}" = 1 ] && [ "$list_only" = 0 ]; then
  exit 0
fi

case "$need" in
  venv) wanted=" venv " ;;
  run) wanted=" venv run " ;;
  test) wanted=" venv run test " ;;
esac

# Debian's own Python (a file dpkg installed) needs python3-venv and libpython3.11 as well; a
# Python built elsewhere (pyenv, python.org) brings its own.
debian_python=0
if command -v dpkg-query >/dev/null 2>&1; then
  resolved="$(readlink -f "$(command -v "$python" 2>/dev/null || echo "$python")" || true)"
  if dpkg-query -S "$resolved" >/dev/null 2>&1; then
    debian_python=1
  fi
fi

needed=()
while read -r who package when _why; do
  case "$who" in ''|'#'*) continue ;; esac
  [[ "$wanted" == *" $who "* ]] || continue
  if [ "$when" = debian-python ] && [ "$debian_python" = 0 ]; then
    continue
  fi
  needed+=("$package")
done <"$LIST"

if [ "$list_only" = 1 ]; then
  echo "${needed[*]}"
  exit 0
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "Not a Debian system (no dpkg), so nothing is installed here. Liaison Desktop needs the" \
    "equivalents of these Debian packages: ${needed[*]}" >&2
  exit 0
fi

# dpkg-query fails when any package is unknown to it; the ones it knows are still listed.
status="$(dpkg-query -W -f='${Package}=${Status}\n' "${needed[@]}" 2>/dev/null || true)"
installed=" $(sed -n 's/=install ok installed$//p' <<<"$status" | tr '\n' ' ') "
missing=()
for package in "${needed[@]}"; do
  [[ "$installed" == *" $package "* ]] || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo=(sudo)
fi
refuse() {
  local how="Install them with:" prefix=""
  if [ ${#sudo[@]} -gt 0 ]; then
    if command -v sudo >/dev/null 2>&1; then prefix="sudo "; else how="Install them as root with:"; fi
  fi
  echo "Liaison Desktop needs these Debian packages, which are not installed: ${missing[*]}." >&2
  echo "$1 $how" >&2
  echo "  ${prefix}apt-get install ${missing[*]}" >&2
  echo "(or set LIAISON_SKIP_SYSTEM=1 if you manage the packages yourself)" >&2
  exit 1
}
if ! command -v apt-get >/dev/null 2>&1; then
  refuse "apt-get is not here to install them."
fi
if [ ${#sudo[@]} -gt 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    refuse "This is not root and sudo is not installed."
  fi
  # A password prompt needs someone at a terminal; otherwise only password-less sudo will do.
  if ! [ -t 0 ] && ! sudo -n true 2>/dev/null; then
    refuse "This is not root and sudo would ask for a password with nobody to type it."
  fi
fi

echo "Installing the Debian packages Liaison Desktop needs: ${missing[*]}"
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq -o Dpkg::Use-Pty=0 --no-install-recommends "${missing[@]}"
