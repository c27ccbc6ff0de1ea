#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with its own unlocked gnome-keyring, so tests
# use a real Secret Service and never touch a person's own keyring (platform notes §2).
set -euo pipefail
if [ -z "${RC_TRAY_IN_PRIVATE_KEYRING:-}" ]; then
  export RC_TRAY_IN_PRIVATE_KEYRING=1
  # dbus-daemon cannot raise its fd limit in containers and says so on every start: noise.
  exec dbus-run-session -- "$0" "$@" 2> >(grep -v -E "Failed to set fd limit|org\.a11y\.Bus" >&2)
fi
keyring_home=$(mktemp -d -t rc-tray-keyring-XXXXXX)
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
printf 'rc-tray-test-keyring' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
for _ in $(seq 1 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
    "$@"
    exit $?
  fi
  sleep 0.05
done
echo "with-keyring: gnome-keyring did not claim org.freedesktop.secrets" >&2
exit 1
