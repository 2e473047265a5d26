# Sourced by scripts/setup.sh and scripts/test.sh: make (or reuse) the project's virtual environment .venv with
# Python 3.11 or later, so that pip never touches the system's Python (Debian's refuses: externally-managed-
# environment). $PYTHON names the interpreter to start from (default: python3).

PYTHON="${PYTHON:-python3}"

if ! command -v "$PYTHON" >/dev/null; then
  echo "unkg needs Python 3.11 or later: $PYTHON was not found (set PYTHON=/path/to/python3.11)" >&2
  exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "unkg needs Python 3.11 or later; $PYTHON is $("$PYTHON" -V 2>&1) (set PYTHON=/path/to/python3.11)" >&2
  exit 1
fi

# as root on Debian or Ubuntu, install the named packages (Debian's names) when a command is missing
apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  elif command -v sudo >/dev/null && command -v apt-get >/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "please install: $* (Debian's package names), then run this again" >&2
    exit 1
  fi
}

# a .venv that no longer starts (its Python was removed or moved) is made again
if [ -e .venv ] && ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "the virtual environment .venv does not start with Python 3.11 or later: making it again"
  rm -rf .venv
fi
if [ ! -e .venv ]; then
  # Debian's Python has venv without pip (ensurepip) until its package python3-venv is installed
  if ! "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null; then
    version="$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
    apt_install "python${version}-venv"
  fi
  "$PYTHON" -m venv .venv
fi
