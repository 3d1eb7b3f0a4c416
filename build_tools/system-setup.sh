#!/usr/bin/env bash
# Installs what the project needs from the operating system when it is missing: Python's venv
# module and Node.js with npm. Only acts as root on Debian/Ubuntu (apt-get); elsewhere it says
# what to install and stops.
set -euo pipefail

need=()
python3 -c "import venv, ensurepip" 2>/dev/null || need+=(python3-venv)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}"
else
  echo "Please install: ${need[*]} (Python 3.11+ with venv, Node.js 18+ with npm)" >&2
  exit 1
fi
