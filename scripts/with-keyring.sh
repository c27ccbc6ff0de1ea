#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with its own unlocked gnome-keyring, so tests
# use a real Secret Service and never touch a person's own keyring (platform notes §2).
#
# The keyring daemon is started by the bus itself (D-Bus activation) from a service file of
# ours, listed before the system's (the first <servicedir> that has a name wins,
# dbus-daemon(1) "servicedir"): if the daemon ever goes away mid-run (seen a few times under
# heavy load; gnome-keyring quits when its bus connection closes, daemon/dbus/gkd-dbus.c
# on_connection_close), the next keychain call starts it again over the same keyring files,
# unlocked, instead of the stock service file's daemon, which would find no unlocked keyring
# here. A restart is said on stderr, so a run that saw one says so.
set -euo pipefail
if [ -z "${RC_TRAY_IN_PRIVATE_KEYRING:-}" ]; then
  export RC_TRAY_IN_PRIVATE_KEYRING=1
  keyring_home=$(mktemp -d -t rc-tray-keyring-XXXXXX)
  export RC_TRAY_KEYRING_HOME="$keyring_home"
  export XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/run"
  mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" "$keyring_home/services" && chmod 700 "$XDG_RUNTIME_DIR"
  cat > "$keyring_home/start-keyring.sh" <<EOF
#!/usr/bin/env bash
export XDG_DATA_HOME='$XDG_DATA_HOME' XDG_RUNTIME_DIR='$XDG_RUNTIME_DIR'
if [ -e '$keyring_home/started' ]; then
  echo "with-keyring: the test keyring daemon had stopped; D-Bus started it again over the same keyring (a test running at that moment may have failed)" >&2
fi
touch '$keyring_home/started'
# A session of its own: no signal meant for the test run's process group (a Ctrl-C, a hang-up)
# reaches it. In the foreground, so the way it ended is known and said.
status=0
printf 'rc-tray-test-keyring' | setsid --wait gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null || status=\$?
# Said only while the bus is still there: at the end of a run every daemon stops with it.
if dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.GetId >/dev/null 2>&1; then
  echo "with-keyring: the test keyring daemon exited (status \$status) while the run went on" >&2
fi
EOF
  chmod +x "$keyring_home/start-keyring.sh"
  printf '[D-BUS Service]\nName=org.freedesktop.secrets\nExec=%s\n' "$keyring_home/start-keyring.sh" > "$keyring_home/services/org.freedesktop.secrets.service"
  session_conf=/usr/share/dbus-1/session.conf
  [ -e "$session_conf" ] || session_conf=/etc/dbus-1/session.conf
  cat > "$keyring_home/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <servicedir>$keyring_home/services</servicedir>
  <include>$session_conf</include>
</busconfig>
EOF
  # Removed once the bus is gone: while it runs, dbus-daemon watches its configuration files.
  trap 'rm -rf "$keyring_home"' EXIT
  # dbus-daemon cannot raise its fd limit in containers and says so on every start: noise. So
  # is its line for each activation (a restart is said by start-keyring.sh itself).
  status=0
  dbus-run-session --config-file="$keyring_home/bus.conf" -- "$0" "$@" \
    2> >(grep --line-buffered -v -E "Failed to set fd limit|org\.a11y\.Bus|Activating service name=|Successfully activated service" >&2) || status=$?
  exit "$status"
fi
# Start the daemon now (the call returns once it owns the name), not at the first test's request.
if dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.StartServiceByName string:org.freedesktop.secrets uint32:0 >/dev/null 2>&1; then
  for _ in $(seq 1 100); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
      "$@"
      exit $?
    fi
    sleep 0.05
  done
fi
echo "with-keyring: gnome-keyring did not claim org.freedesktop.secrets" >&2
exit 1
