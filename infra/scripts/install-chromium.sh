#!/usr/bin/env bash
# Unpacks Debian's Chromium and ChromeDriver with the shared libraries this machine's base system lacks
# into .tools/chromium/ (no system install), for the browser system test. `chromium` and `chromedriver`
# there are wrappers that put the unpacked libraries on the library path.
# The version is the one Debian's package lists offer now, browser and driver always the same: a pinned
# security-update version disappears from the mirror as soon as the next update lands, and then a fresh
# machine could not install anything. Idempotent: once unpacked, the installed version stays (its stamp).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dest="$root/.tools/chromium"
[ -n "$(ls "$dest"/.unpacked-* 2>/dev/null)" ] && [ -x "$dest/chromium" ] && [ -x "$dest/chromedriver" ] && exit 0
# Empty when the package lists name none ("(none)", or no lists at all).
candidate() { apt-cache policy chromium-driver 2>/dev/null | awk '/Candidate:/ && $2 != "(none)" {print $2}'; }
version=$(candidate)
if [ -z "$version" ]; then
  apt-get update -qq >/dev/null   # the package lists may be absent on a fresh machine
  version=$(candidate)
fi
[ -n "$version" ] || { echo "no chromium-driver package in Debian's lists"; exit 1; }
stamp="$dest/.unpacked-$version"
# Libraries Chromium links against that a Debian 12 base system without a desktop does not have.
libraries=(libasyncns0 libdouble-conversion3 libflac12 libharfbuzz-subset0 libminizip1 libmp3lame0 libmpg123-0
  libogg0 libopenh264-7 libopenjp2-7 libopus0 libpulse0 libsndfile1 libvorbis0a libvorbisenc2 libxnvctrl0)
rm -rf "$dest" && mkdir -p "$dest/debs" && cd "$dest/debs"
packages=("chromium=$version" "chromium-common=$version" "chromium-driver=$version" "${libraries[@]}")
if ! apt-get download "${packages[@]}" >/dev/null 2>&1; then
  apt-get update -qq >/dev/null   # the lists may name a version the mirror has already replaced
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
