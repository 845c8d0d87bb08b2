#!/usr/bin/env bash
# Check the built artefacts, not the source tree (make dist-test, after make dist):
# the one-folder application, the .deb (unpacked) and the wheel in a fresh virtual environment each
# answer --version, make the demonstration database and list its cases, issue a certificate whose
# PDF carries Cyrillic text and a QR code that decodes; the application starts offscreen to the
# first-run dialog.
set -euo pipefail
# (grep reads to the end, not -q: with pipefail a writer cut off early would fail the check)
root="$(cd "$(dirname "$0")/.." && pwd)"
dist="$root/dist"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen REPAT_DATA_DIR="$work/data"
export REPAT_PASSWORD=demo-demo
say() { printf '\n== %s\n' "$*"; }

parties="$work/parties.json"
cat > "$parties" <<'JSON'
{"place": "КПП «Північний»", "time": "14:30",
 "sending": {"organisation": "Сторона А",
             "representatives": [{"name": "Петренко Іван", "position": "голова", "document": "паспорт АА123456"}],
             "witnesses": [{"name": "Коваленко Олег", "document": "паспорт ВВ654321"}]},
 "receiving": {"organisation": "Міністерство",
               "representatives": [{"name": "Шевченко Тарас", "position": "керівник", "document": "ID 001"}],
               "witnesses": [{"name": "Бондар Анна", "document": "ID 002"}]},
 "intermediary": {"organisation": "ICRC",
                  "representatives": [{"name": "Anna Müller", "position": "delegate", "document": "CH X1"}],
                  "witnesses": [{"name": "Jean Dupont", "document": "FR Y2"}]}}
JSON

check_command() {  # $1: a label, then the command that runs repat
  local label="$1"; shift
  local db="$work/$label.sqlite3"
  say "$label: --version"
  "$@" --version | grep '^repat ' >/dev/null
  say "$label: demo and cases list"
  "$@" demo --db "$db" >/dev/null
  "$@" cases list --db "$db" --format csv --limit 0 > "$work/$label.csv"
  head -3 "$work/$label.csv"
  test "$(wc -l < "$work/$label.csv")" -gt 1000
  say "$label: a certificate with Cyrillic text and a QR code"
  round="$("$@" rounds list --db "$db" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["code"])')"
  "$@" certificate "$round" --db "$db" --user clerk --parties "$parties" --issue --out "$work/$label.pdf" >/dev/null
  pdftotext "$work/$label.pdf" - | grep "Петренко Іван" >/dev/null
  pdftoppm -r 150 -f 1 -l 1 -png "$work/$label.pdf" "$work/$label-page"
  zbarimg -q --raw "$work/$label-page"-*1.png | grep '^REPAT:CERT:' >/dev/null
  say "$label: the GUI starts offscreen to the first-run dialog"
  REPAT_EXIT_AFTER_START=1 REPAT_DB="$work/$label-fresh.sqlite3" "$@" | grep "first-run dialog shown" >/dev/null
}

app="$dist/repat/repat"
test -x "$app" || { echo "no $app: run make dist first" >&2; exit 1; }
check_command bundle "$app"
say "bundle: size $(du -sh "$dist/repat" | cut -f1)"

deb="$(ls "$dist"/repat_*.deb)"
say "deb: $(basename "$deb") ($(du -h "$deb" | cut -f1))"
contents="$(dpkg-deb --contents "$deb")"
for path in ./opt/repat/repat ./usr/bin/repat ./usr/share/applications/repat.desktop \
            ./usr/share/metainfo/org.repat.Repat.metainfo.xml ./usr/share/icons/hicolor/256x256/apps/repat.png \
            ./usr/share/icons/hicolor/scalable/apps/repat.svg; do
  grep -q " $path" <<<"$contents" || { echo "the package lacks $path" >&2; exit 1; }
done
dpkg-deb -x "$deb" "$work/deb"
"$work/deb/opt/repat/repat" --version | grep '^repat ' >/dev/null
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$work/deb/usr/share/applications/repat.desktop"; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null && [ -z "${REPAT_DIST_NO_INSTALL:-}" ]; then
  # as a user installs it: apt resolves the package's Depends, the application starts on a real X
  # server (the xcb platform, not offscreen), and removing the package leaves the user's data
  say "deb: installed with apt-get, started under Xvfb, removed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null; }
  /usr/bin/repat --version | grep '^repat ' >/dev/null
  REPAT_EXIT_AFTER_START=1 QT_QPA_PLATFORM=xcb xvfb-run -a /usr/bin/repat | grep "first-run dialog shown" >/dev/null
  test -f "$REPAT_DATA_DIR/repat.sqlite3"
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq repat >/dev/null
  test ! -e /usr/bin/repat && test ! -e /opt/repat
  test -f "$REPAT_DATA_DIR/repat.sqlite3" || { echo "removing the package removed the user's data" >&2; exit 1; }
fi

wheel="$(ls "$dist"/repat-*.whl)"
say "wheel: $(basename "$wheel") in a fresh virtual environment"
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet "$wheel"
check_command wheel "$work/venv/bin/repat"
say "all artefacts checked"
