# shellcheck shell=bash
# Helpers for the scripts in scripts/: source this file, then call the functions. Sourcing runs nothing.
# Every function returns non-zero on failure, so callers under `set -e` stop at the first failed step.

# Prints the repository root, found from this file's location (scripts/lib/common.sh).
newsdig_root() {
  (cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
}

# Prints a header line announcing a phase of a script.
newsdig_phase() {
  printf '\n==> %s\n' "$*" >&2
}

# Prints the package names in scripts/lib/packages.txt, one a line, comments and blank lines dropped.
newsdig_packages() {
  sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$(newsdig_root)/scripts/lib/packages.txt"
}

# Installs the packages of packages.txt that are not installed yet (apt-get, through sudo when not root).
# Does nothing when all are installed, so it is safe to call on every run.
install_missing_packages() {
  local pkg status
  local -a wanted missing=() sudo=()
  mapfile -t wanted < <(newsdig_packages)
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "newsdig: not a Debian-based system (no dpkg-query): install these yourself: ${wanted[*]}" >&2
    return 0
  fi
  for pkg in "${wanted[@]}"; do
    status=$(dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null || true)
    [[ $status == *" ok installed"* ]] || missing+=("$pkg")
  done
  ((${#missing[@]} > 0)) || return 0

  echo "newsdig: installing missing packages: ${missing[*]}" >&2
  if ((EUID != 0)); then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "newsdig: error: not root and sudo is not installed: as root, run" \
        "apt-get install ${missing[*]}, then run this script again" >&2
      return 1
    fi
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update </dev/null
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}" </dev/null
}

# configure_and_build DIR TYPE [CMAKE_ARG...]
# Configures the repository into build directory DIR with CMAKE_BUILD_TYPE=TYPE and the extra arguments,
# then builds it with ${NEWSDIG_JOBS:-2} parallel jobs.
configure_and_build() {
  local dir=$1 type=$2
  shift 2
  cmake -S "$(newsdig_root)" -B "$dir" -DCMAKE_BUILD_TYPE="$type" "$@"
  cmake --build "$dir" -j "${NEWSDIG_JOBS:-2}"
}
