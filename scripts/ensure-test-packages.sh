#!/usr/bin/env bash
# The system packages `npm test` needs, installed when missing, so that `npm install && npm test`
# is all a person runs. Each package with the reason it is needed; said once, when installing.
# Where it cannot install (not root and no usable sudo, or not Debian-based) it stops at once with
# the one command to run, rather than letting a suite fail deep inside.
set -uo pipefail

PACKAGES=(
  "libsecret-1-dev:headers to build keytar, the keychain module"
  "gnome-keyring:a real Secret Service (keychain) for the tests, in a private session"
  "libsecret-tools:secret-tool, to check where the tests' secrets were kept"
  "dbus:a private D-Bus session for that keychain"
  "dbus-x11:dbus-launch, which gnome-keyring uses to find the session"
  "chromium:a real browser for the login-window tests"
  "p7zip-full:7za, for the packaging check's tar.gz"
  "openssl:certificates for the TLS tests"
  "bsdutils:script(1), the pseudo-terminal for the CLI prompt tests"
  "libglib2.0-bin:gsettings and gdbus, how rc-tray reads the desktop's do-not-disturb"
  "gsettings-desktop-schemas:GNOME's notification settings, for the do-not-disturb test"
  "python3-dbus:the stand-in desktop notification server (KDE's Inhibited) for the do-not-disturb test"
  "python3-gi:the GLib main loop that stand-in server runs on"
)

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  names=$(for entry in "${PACKAGES[@]}"; do printf '%s ' "${entry%%:*}"; done)
  echo "npm test: this is not a Debian-based system, so it cannot install what the tests need."
  echo "Install the equivalents of these Debian packages, then run npm test again: ${names% }"
  exit 2
fi

missing=() reasons=()
for entry in "${PACKAGES[@]}"; do
  package=${entry%%:*}
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' && continue
  missing+=("$package") reasons+=("  $package — ${entry#*:}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

command_line="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  run_as_root=()
elif command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then
  # Passwordless sudo, or a terminal where sudo can ask for the password.
  run_as_root=(sudo)
else
  echo "npm test needs ${#missing[@]} Debian package(s) it cannot install without root:"
  printf '%s\n' "${reasons[@]}"
  echo "Run this once, then npm test again:  sudo sh -c '$command_line'"
  exit 2
fi

echo "npm test: installing ${#missing[@]} Debian package(s) the tests need (once):"
printf '%s\n' "${reasons[@]}"
if ! "${run_as_root[@]}" apt-get update -qq \
  || ! "${run_as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
  echo "npm test: installing them failed (see apt-get's message above). Run it yourself, then npm test again:"
  echo "  sudo sh -c '$command_line'"
  exit 2
fi
