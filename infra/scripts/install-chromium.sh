#!/usr/bin/env bash
# Unpacks Debian's Chromium and ChromeDriver (pinned) with the shared libraries this machine's base
# system lacks into .tools/chromium-<version>/ (no system install), for the browser system test.
# `chromium` and `chromedriver` there are wrappers that put the unpacked libraries on the library path.
# Idempotent: nothing is done when the stamp of this version is there.
set -euo pipefail
version=156.0.8078.114-1~deb12u1
root="$(cd "$(dirname "$0")/../.." && pwd)"
dest="$root/.tools/chromium-156"
stamp="$dest/.unpacked-$version"
[ -f "$stamp" ] && [ -x "$dest/chromium" ] && [ -x "$dest/chromedriver" ] && exit 0
# Libraries Chromium links against that a Debian 12 base system without a desktop does not have.
libraries=(libasyncns0 libdouble-conversion3 libflac12 libharfbuzz-subset0 libminizip1 libmp3lame0 libmpg123-0
  libogg0 libopenh264-7 libopenjp2-7 libopus0 libpulse0 libsndfile1 libvorbis0a libvorbisenc2 libxnvctrl0)
rm -rf "$dest" && mkdir -p "$dest/debs" && cd "$dest/debs"
packages=("chromium=$version" "chromium-common=$version" "chromium-driver=$version" "${libraries[@]}")
if ! apt-get download "${packages[@]}" >/dev/null 2>&1; then
  apt-get update -qq >/dev/null   # the package lists may be absent on a fresh machine
  apt-get download "${packages[@]}"
fi
for deb in *.deb; do dpkg -x "$deb" "$dest/root"; done
cd "$dest" && rm -rf "$dest/debs"
for tool in chromium chromedriver; do
  cat > "$dest/$tool" <<WRAPPER
#!/bin/sh
here="\$(dirname "\$(readlink -f "\$0")")/root/usr/lib"
LD_LIBRARY_PATH="\$here/chromium:\$here/x86_64-linux-gnu:\$here/x86_64-linux-gnu/pulseaudio\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}" exec "\$here/chromium/$tool" "\$@"
WRAPPER
  chmod +x "$dest/$tool"
done
missing=$("$dest/chromium" --version >/dev/null 2>&1 || echo yes)
[ -z "$missing" ] || { echo "Chromium does not start; missing libraries:"; \
  LD_LIBRARY_PATH="$dest/root/usr/lib/chromium:$dest/root/usr/lib/x86_64-linux-gnu:$dest/root/usr/lib/x86_64-linux-gnu/pulseaudio" \
  ldd "$dest/root/usr/lib/chromium/chromium" | grep "not found"; exit 1; }
touch "$stamp"
echo "Chromium installed: $("$dest/chromium" --version)"
