#!/usr/bin/env bash
# Unpacks pinned Debian packages into .tools/debian (no system install, no services started):
# Prometheus, promtool, and wrk with the LuaJIT library it links against.
# Prometheus's web UI (Debian ships the classic one) links its JavaScript and fonts from the libjs-*
# packages through relative symlinks (static/jquery -> ../../../javascript/jquery): unpacking those
# packages into the same tree is what makes the UI's pages and scripts load.
# Idempotent: a package already unpacked at its pinned version is left alone.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dest="$root/.tools/debian"
packages=(
  "prometheus=2.42.0+ds-5+deb12u1"
  "wrk=4.1.0-3+b2"
  "libluajit-5.1-2=2.1.0~beta3+git20220320+dfsg-4.1+deb12u1"
  "libluajit-5.1-common=2.1.0~beta3+git20220320+dfsg-4.1+deb12u1"
  "fonts-glyphicons-halflings=1.009~3.4.1+dfsg-3+deb12u2"
  "libjs-bootstrap4=4.6.1+dfsg1-4+deb12u1"
  "libjs-d3=3.5.17-4"
  "libjs-eonasdan-bootstrap-datetimepicker=4.17.47-6"
  "libjs-jquery=3.6.1+dfsg+~3.5.14-1"
  "libjs-jquery-hotkeys=0~20130707+git2d51e3a9+dfsg-2.1"
  "libjs-moment=2.29.4+ds-1"
  "libjs-moment-timezone=0.5.40+dfsg-1+2023c"
  "libjs-mustache=3.0.1-1"
  "libjs-popper.js=1.16.1+ds-6"
  "libjs-rickshaw=1.5.1.dfsg-5"
)
mkdir -p "$dest/.stamps" "$dest/.debs"
missing=()
for p in "${packages[@]}"; do
  [ -f "$dest/.stamps/$p" ] || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
cd "$dest/.debs"
if ! apt-get download "${missing[@]}" >/dev/null 2>&1; then
  # The package lists may be absent on a fresh machine.
  apt-get update -qq >/dev/null
  apt-get download "${missing[@]}"
fi
for p in "${missing[@]}"; do
  name="${p%%=*}"
  deb=$(ls -t "${name}"_*.deb | head -n 1)
  dpkg -x "$deb" "$dest"
  touch "$dest/.stamps/$p"
done
echo "Debian tools in $dest/usr/bin: $(ls "$dest/usr/bin" | tr '\n' ' ')"
