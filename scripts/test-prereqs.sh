#!/usr/bin/env bash
# First step of `npm test` (and so of .ci/run): the programs npm cannot install. The browser tests
# drive Debian's Chromium at /usr/bin/chromium; LibreOffice is the independent reader of written
# workbooks. When one is missing and this can install (root or password-less sudo, with apt-get), it
# says what it installs and does it, as `playwright install --with-deps` does for its browsers;
# otherwise it stops before any test runs, with one line naming the packages.
#
# For its own tests: PHULUC_CHROMIUM (the browser's path), PHULUC_LIBREOFFICE (the command),
# PHULUC_APT_GET (the apt-get to run) and PHULUC_INSTALL_AS (root | sudo | none) replace what is
# found on the machine.
set -uo pipefail

chromium="${PHULUC_CHROMIUM:-/usr/bin/chromium}"
libreoffice="${PHULUC_LIBREOFFICE:-libreoffice}"
apt_get="${PHULUC_APT_GET:-apt-get}"

missing() {
  need=()
  [ -x "$chromium" ] || need+=(chromium)
  command -v "$libreoffice" >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
}

missing
[ ${#need[@]} -eq 0 ] && exit 0

stop() {
  echo "npm test: thiếu / missing ${need[*]} — $1: apt-get install --no-install-recommends ${need[*]}" >&2
  exit 1
}

install_as="${PHULUC_INSTALL_AS:-}"
if [ -z "$install_as" ]; then
  if [ "$(id -u)" = 0 ]; then
    install_as=root
  elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
    install_as=sudo
  else
    install_as=none
  fi
fi
command -v "$apt_get" >/dev/null 2>&1 || stop "không có apt-get để cài / no apt-get here to install them; install them yourself"
case "$install_as" in
  root) run=() ;;
  sudo) run=(sudo -n) ;;
  *) stop "cần quyền root hoặc sudo để cài / installing needs root or sudo; as root run" ;;
esac

echo "npm test: cài / installing Debian packages npm cannot: ${need[*]} (apt-get install --no-install-recommends ${need[*]})"
export DEBIAN_FRONTEND=noninteractive
if ! "${run[@]}" "$apt_get" update -qq || ! "${run[@]}" "$apt_get" install -y -qq --no-install-recommends "${need[@]}"; then
  stop "apt-get không cài được / apt-get could not install them; try by hand"
fi
missing
[ ${#need[@]} -eq 0 ] || stop "vẫn chưa có sau khi cài / still missing after apt-get; check"
echo "npm test: đã cài / installed."
