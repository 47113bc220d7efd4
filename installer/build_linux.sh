#!/usr/bin/env bash
# Sổ Công đoàn: build the frozen one-folder program (PyInstaller) here on Linux, check
# it, run its smoke test, then time its cold start.
#
#   installer/build_linux.sh [--dist DIR] [--work DIR] [--no-bench] [--runs N] [--members N]
#
#   --dist DIR     where the program goes: DIR/congdoan/congdoan (default: dist)
#   --work DIR     PyInstaller's work folder, emptied first (default: build/pyinstaller)
#   --no-bench     stop after the smoke test (what tests/installer runs)
#   --runs N       timed runs per figure, the median is printed (default: 5)
#   --members N    members in the database the start to the main window is timed on
#                  (default: 100000, as bench/bench_members.py)
#   PYTHON=...     the interpreter with the project installed (default: .venv/bin/python)
#
# Cold start: before each timed run the page cache is dropped (sync; echo 3 >
# /proc/sys/vm/drop_caches, which needs root); where that is refused the figures are
# printed as warm ones. The Windows build and installer: .github/workflows/windows-installer.yml.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

DIST=dist
WORK=build/pyinstaller
BENCH=1
RUNS=5
MEMBERS=100000
while [ $# -gt 0 ]; do
  case "$1" in
    --dist) DIST=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --no-bench) BENCH=0; shift ;;
    --runs) RUNS=$2; shift 2 ;;
    --members) MEMBERS=$2; shift 2 ;;
    *) echo "unknown option: $1 (see the top of $0)" >&2; exit 2 ;;
  esac
done
PYTHON=${PYTHON:-.venv/bin/python}
fail() { echo "build_linux.sh: $*" >&2; exit 1; }
[ -x "$PYTHON" ] || command -v "$PYTHON" >/dev/null || fail "no Python at $PYTHON (run ./dev.sh test once, or set PYTHON)"

# --- PyInstaller, into the project's environment if it is not there yet -----------------
if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
  echo "== installing PyInstaller into $("$PYTHON" -c 'import sys; print(sys.prefix)')"
  "$PYTHON" -m pip install -q "pyinstaller>=6.10,<7"
fi

# --- build ---------------------------------------------------------------------------
echo "== building the one-folder program (PyInstaller $("$PYTHON" -c 'import PyInstaller; print(PyInstaller.__version__)'))"
rm -rf "$WORK" "$DIST/congdoan"
mkdir -p "$WORK" "$DIST"
LOG="$WORK/pyinstaller.log"
t0=$(date +%s.%N)
# No --clean: it would empty PyInstaller's cache that other builds on this machine share;
# the emptied work folder makes the build a full one anyway.
if ! "$PYTHON" -m PyInstaller --noconfirm --log-level WARN --distpath "$DIST" --workpath "$WORK" \
    installer/congdoan.spec >"$LOG" 2>&1; then
  tail -40 "$LOG" >&2
  fail "PyInstaller failed (whole log: $LOG)"
fi
BUILD_S=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
APPDIR="$DIST/congdoan"
APP="$APPDIR/congdoan"
[ -x "$APP" ] || fail "no program at $APP"
SIZE_MB=$(du -sm "$APPDIR" | cut -f1)
FILES=$(find "$APPDIR" -type f | wc -l)
echo "built $APPDIR in ${BUILD_S} s: ${SIZE_MB} MB, $FILES files"

# --- what is in it -------------------------------------------------------------------
INTERNAL="$APPDIR/_internal"
for f in resources/fonts/LiberationSerif-Regular.ttf resources/translations/qtbase_vi.qm \
         resources/translations/congdoan_en.qm resources/icons/congdoan.png resources/guide/huong-dan.md \
         desktop/models/migrations/env.py; do
  [ -f "$INTERNAL/$f" ] || fail "$f is missing from the bundle"
done
for v in desktop/models/migrations/versions/*.py; do
  [ -f "$INTERNAL/$v" ] || fail "migration $v is missing from the bundle"
done
# Only QtCore, QtGui, QtWidgets, QtPrintSupport: no QML, Quick, WebEngine, network.
unwanted=$(find "$INTERNAL" \( -name 'libQt6Qml*' -o -name 'libQt6Quick*' -o -name 'libQt6WebEngine*' \
  -o -name 'libQt6Network*' -o -name 'Qt*Qml*.so' -o -name 'QtQuick*.so' -o -name 'QtNetwork*.so' \
  -o -name 'QtWebEngine*' \) -printf '%P\n')
[ -z "$unwanted" ] || fail "Qt modules the app does not use are in the bundle: $unwanted"
# Nothing kept may need a Qt library that installer/bundle.py left out (system libraries
# missing on this machine, such as xcb or GTK ones, are only reported).
missing=""  # lines "needed-library <- bundled file"
while IFS= read -r -d '' so; do
  for lib in $(LD_LIBRARY_PATH="$INTERNAL:$INTERNAL/PySide6/Qt/lib" ldd "$so" 2>/dev/null | awk '/not found/ { print $1 }'); do
    missing="$missing$lib <- ${so#"$INTERNAL"/}"$'\n'
  done
done < <(find "$INTERNAL" -type f \( -name '*.so' -o -name '*.so.*' \) -print0)
if printf '%s' "$missing" | grep -q '^libQt6'; then
  printf '%s' "$missing" | grep '^libQt6' >&2
  fail "a bundled library needs a Qt library the bundle left out"
fi
if [ -n "$missing" ]; then
  echo "note: system libraries this machine lacks (a Linux desktop has them):" \
    "$(printf '%s' "$missing" | cut -d' ' -f1 | sort -u | tr '\n' ' ')"
fi

# --- smoke test on a fresh temporary database ---------------------------------------------
TMP=$(mktemp -d "${TMPDIR:-/tmp}/congdoan-build.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
# The frozen program's settings, logs and data go to this temporary folder, never the user's.
export XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data" XDG_STATE_HOME="$TMP/state" XDG_CACHE_HOME="$TMP/cache"
export QT_QPA_PLATFORM=offscreen
echo "== smoke test of the frozen program"
if ! "$APP" --smoke-test --db "$TMP/smoke.sqlite3"; then
  fail "the frozen program's smoke test failed"
fi
[ "$BENCH" = 1 ] || { echo "ok (no timings: --no-bench)"; exit 0; }

# --- cold start --------------------------------------------------------------------
drop_caches() { sync && { echo 3 > /proc/sys/vm/drop_caches; } 2>/dev/null; }
if drop_caches; then COLD=1; KIND=cold; else COLD=0; KIND="warm: the page cache could not be dropped (not root?)"; fi
# Seconds from launch to exit of a command; "timed cold ..." drops the page cache first
# (the program's files and the database both come from the disk then).
timed() {
  local mode=$1 a b
  shift
  if [ "$mode" = cold ] && [ "$COLD" = 1 ]; then drop_caches; fi
  a=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || fail "timed run failed: $*"
  b=$(date +%s.%N)
  awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f\n", b - a }'
}
stats() {  # median, min, max of the numbers in $1
  echo "$1" | tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "median %.2f s (min %.2f, max %.2f, %d runs)", m, v[1], v[NR], NR }'
}
load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "== timing ($RUNS runs of each, interleaved; load average $(load))"
echo "   making a demo database of $MEMBERS members with the frozen program's CLI"
DB="$TMP/start.sqlite3"
"$APP" demo --members "$MEMBERS" --db "$DB" >/dev/null
DB_MB=$(du -m "$DB" | cut -f1)
# The same start from source (bench/bench_members.py's way), in the same runs: the two
# figures side by side stay comparable when other work loads the machine.
SOURCE_START="from desktop.app import run_app; raise SystemExit(run_app(['--db', '$DB'], exit_after_start=True))"
smoke_cold="" smoke_warm="" window_cold="" window_warm="" source_cold="" source_warm=""
for _ in $(seq "$RUNS"); do
  smoke_cold="$smoke_cold $(timed cold "$APP" --smoke-test --db "$TMP/smoke.sqlite3")"
  window_cold="$window_cold $(timed cold env CONGDOAN_EXIT_AFTER_START=1 "$APP" --db "$DB")"
  source_cold="$source_cold $(timed cold "$PYTHON" -c "$SOURCE_START")"
  smoke_warm="$smoke_warm $(timed warm "$APP" --smoke-test --db "$TMP/smoke.sqlite3")"
  window_warm="$window_warm $(timed warm env CONGDOAN_EXIT_AFTER_START=1 "$APP" --db "$DB")"
  source_warm="$source_warm $(timed warm "$PYTHON" -c "$SOURCE_START")"
done

echo
echo "Frozen program (PyInstaller one-folder): $(uname -sr), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(date +%F)"
echo "  build:   ${BUILD_S} s"
echo "  folder:  ${SIZE_MB} MB, $FILES files ($APPDIR)"
echo "  launch to exit of --smoke-test (fresh temporary database, 60 demo members):"
echo "    frozen, $KIND: $(stats "$smoke_cold")"
echo "    frozen, warm: $(stats "$smoke_warm")"
echo "  launch to usable main window, $MEMBERS members ($DB_MB MB database), whole process:"
echo "    frozen, $KIND: $(stats "$window_cold")"
echo "    frozen, warm: $(stats "$window_warm")"
echo "    source, $KIND: $(stats "$source_cold")   ($PYTHON, as bench/bench_members.py)"
echo "    source, warm: $(stats "$source_warm")"
echo "  load average after the runs: $(load)"
