#!/usr/bin/env bash
# Build the Debian/Ubuntu package from the PyInstaller one-folder application.
#   packaging/make_deb.sh DIST_FOLDER OUT_FOLDER      (make dist runs it)
# The application goes to /opt/repat, the command to /usr/bin/repat, the menu entry, the AppStream
# metainfo and the icons (every hicolor size) to /usr/share. A .deb rather than an AppImage: the
# target laptops run Debian or Ubuntu, dpkg installs and removes it cleanly with one file, and it
# is built with dpkg-deb alone (an AppImage needs appimagetool, which no package registry here has).
set -euo pipefail
app="$1"
out="$2"
root="$(cd "$(dirname "$0")/.." && pwd)"
version="$(python3 -c 'import tomllib,sys; print(tomllib.load(open(sys.argv[1],"rb"))["project"]["version"])' "$root/pyproject.toml")"
arch="$(dpkg --print-architecture)"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

mkdir -p "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" "$stage/usr/share/metainfo" "$stage/DEBIAN"
cp -a "$app" "$stage/opt/repat"
ln -s ../../opt/repat/repat "$stage/usr/bin/repat"
install -m 644 "$root/packaging/repat.desktop" "$stage/usr/share/applications/repat.desktop"
install -m 644 "$root/packaging/org.repat.Repat.metainfo.xml" "$stage/usr/share/metainfo/org.repat.Repat.metainfo.xml"
for png in "$root"/resources/icons/hicolor/*/apps/repat.png; do
  size="$(basename "$(dirname "$(dirname "$png")")")"
  install -D -m 644 "$png" "$stage/usr/share/icons/hicolor/$size/apps/repat.png"
done
install -D -m 644 "$root/resources/icons/repat.svg" "$stage/usr/share/icons/hicolor/scalable/apps/repat.svg"
installed_kb="$(du -sk "$stage" | cut -f1)"
# Depends: what Qt's X11 platform plugin links against on the system (ldd of libqxcb.so and
# libQt6XcbQpa; libxcb-icccm4 and libxcb-keysyms1 are often missing from a desktop install)
cat > "$stage/DEBIAN/control" <<CONTROL
Package: repat
Version: $version
Architecture: $arch
Maintainer: Repat <repat@localhost>
Installed-Size: $installed_kb
Depends: libc6, libstdc++6, libglib2.0-0, libgl1, libegl1, libfontconfig1, libfreetype6, libdbus-1-3,
 libx11-6, libx11-xcb1, libxkbcommon0, libxkbcommon-x11-0, libxcb1, libxcb-cursor0, libxcb-icccm4,
 libxcb-image0, libxcb-keysyms1, libxcb-randr0, libxcb-render0, libxcb-render-util0, libxcb-shape0,
 libxcb-shm0, libxcb-sync1, libxcb-xfixes0, libxcb-xkb1
Section: misc
Priority: optional
Description: Registry for the repatriation of human remains
 Offline-first registry for the handover of human remains after armed
 conflict: intake of remains at the handover point, bilingual handover
 certificates with a verifiable QR code, and the merge and reconciliation of
 many laptops' records at headquarters. The user's data (in the user's data
 folder) is left in place when the package is removed.
CONTROL
mkdir -p "$out"
deb="$out/repat_${version}_${arch}.deb"
dpkg-deb --build --root-owner-group "$stage" "$deb" >/dev/null
echo "$deb"
