#!/usr/bin/env bash
# Debian packages the tests need: libsecret headers to build keytar, a real Secret Service
# (gnome-keyring in a private D-Bus session), secret-tool to inspect it, Chromium for the
# renderer tests, 7za for the tar.gz packaging check, openssl for the TLS test's certificate,
# and `script` (bsdutils) for the CLI's pseudo-terminal tests.
set -euo pipefail
PACKAGES=(libsecret-1-dev gnome-keyring libsecret-tools dbus dbus-x11 chromium p7zip-full openssl bsdutils)

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "Debian packages: all present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "Installing Debian packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
