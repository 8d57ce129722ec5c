#!/usr/bin/env sh
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so keychain code is tested
# against a real Secret Service. Used by `npm test` and .ci/run; harmless on a desktop (a private session).
set -e
if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  echo "with-keyring: needs dbus-run-session and gnome-keyring-daemon (apt-get install dbus-x11 gnome-keyring)" >&2
  exit 1
fi
export XDG_DATA_HOME="${XDG_DATA_HOME_FOR_TESTS:-$(mktemp -d)}"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
exec dbus-run-session -- sh -c 'echo -n test-keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' sh "$@"
