#!/bin/sh
# Install the peers bench/run.py compares dvcli with. Everything is optional: run.py skips
# (with a note) any peer that is not installed.
#   jrnl      into its own venv under bench/.work/peers, so its pins never change the versions
#             of dvcli's own dependencies being measured
#   hledger, taskwarrior from Debian
set -u
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-"$here/../.venv/bin/python"}
mkdir -p "$here/.work"
if [ ! -x "$here/.work/peers/bin/jrnl" ]; then
    "$python" -m venv "$here/.work/peers" && "$here/.work/peers/bin/pip" install -q jrnl \
        || echo "setup: jrnl not installed (pip failed)" >&2
fi
if ! command -v hledger >/dev/null 2>&1 || ! command -v task >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get install -y -q hledger taskwarrior >/dev/null \
        || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q hledger taskwarrior >/dev/null; } \
        || echo "setup: hledger/taskwarrior not installed (apt-get failed)" >&2
fi
