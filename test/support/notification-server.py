#!/usr/bin/python3
"""A stand-in desktop notification server (org.freedesktop.Notifications) on the session bus.

Modelled on KDE Plasma's server (plasma-workspace libnotificationmanager/server_p.cpp@0181f961,
dbus/org.freedesktop.Notifications.xml@3c52fc3b):
  - GetServerInformation -> ("Plasma", "KDE", version, "1.2"): Plasma reports spec 1.2, which has
    no Inhibited property; `Inhibited` is KDE's extension, advertised by the "inhibitions" capability.
  - GetCapabilities -> body, body-hyperlinks, body-markup, body-images, icon-static, actions,
    persistence, inline-reply, x-kde-urls, x-kde-origin-name, x-kde-display-appname, inhibitions.
  - property Inhibited (b, read; EmitsChangedSignal=true): Plasma's do-not-disturb
    (Server::setInhibited, toggled by the person in the notifications applet). Each change sends
    org.freedesktop.DBus.Properties.PropertiesChanged("org.freedesktop.Notifications",
    {"Inhibited": <b>}, []) from /org/freedesktop/Notifications (ServerPrivate::onInhibitedChanged).
  - Notify / CloseNotification as the spec has them (ids from 1).

--plain plays a server without the extension (the spec's methods only, capabilities without
"inhibitions"): asking for `Inhibited` gets org.freedesktop.DBus.Error.InvalidArgs "No such
property “Inhibited”", GDBus's answer for a property an interface does not have (GLib
gio/gdbusconnection.c), as servers built on GDBus give it.

The test drives it on stdin, one command a line: `inhibited true|false` (the person toggles do not
disturb), `quit`. It prints `ready` once it owns the name.
"""
import argparse
import sys

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
PROPERTIES = "org.freedesktop.DBus.Properties"
PLASMA_CAPABILITIES = ["body", "body-hyperlinks", "body-markup", "body-images", "icon-static", "actions", "persistence",
                       "inline-reply", "x-kde-urls", "x-kde-origin-name", "x-kde-display-appname", "inhibitions"]


class NoSuchProperty(dbus.DBusException):
    _dbus_error_name = "org.freedesktop.DBus.Error.InvalidArgs"


class UnknownInterface(dbus.DBusException):
    _dbus_error_name = "org.freedesktop.DBus.Error.UnknownInterface"


class Notifications(dbus.service.Object):
    def __init__(self, bus, plain, server_name, vendor):
        super().__init__(bus, PATH)
        self.plain = plain
        self.server_name = server_name
        self.vendor = vendor
        self.inhibited = False
        self.next_id = 1

    @dbus.service.method(NAME, in_signature="susssasa{sv}i", out_signature="u")
    def Notify(self, app_name, replaces_id, app_icon, summary, body, actions, hints, timeout):
        if replaces_id:
            return replaces_id
        notification_id = self.next_id
        self.next_id += 1
        return dbus.UInt32(notification_id)

    @dbus.service.method(NAME, in_signature="u", out_signature="")
    def CloseNotification(self, notification_id):
        self.NotificationClosed(notification_id, 3)

    @dbus.service.method(NAME, in_signature="", out_signature="as")
    def GetCapabilities(self):
        return [c for c in PLASMA_CAPABILITIES if not (self.plain and (c == "inhibitions" or c.startswith("x-kde")))]

    @dbus.service.method(NAME, in_signature="", out_signature="ssss")
    def GetServerInformation(self):
        return (self.server_name, self.vendor, "6.3.0", "1.2")

    @dbus.service.signal(NAME, signature="uu")
    def NotificationClosed(self, notification_id, reason):
        pass

    def _properties(self):
        return {} if self.plain else {"Inhibited": dbus.Boolean(self.inhibited)}

    @dbus.service.method(PROPERTIES, in_signature="ss", out_signature="v")
    def Get(self, interface, prop):
        if interface != NAME:
            raise UnknownInterface("No such interface “%s”" % interface)
        properties = self._properties()
        if prop not in properties:
            raise NoSuchProperty("No such property “%s”" % prop)
        return properties[prop]

    @dbus.service.method(PROPERTIES, in_signature="s", out_signature="a{sv}")
    def GetAll(self, interface):
        if interface != NAME:
            raise UnknownInterface("No such interface “%s”" % interface)
        return self._properties()

    @dbus.service.signal(PROPERTIES, signature="sa{sv}as")
    def PropertiesChanged(self, interface, changed, invalidated):
        pass

    def set_inhibited(self, value):
        if self.plain or value == self.inhibited:
            return
        self.inhibited = value
        self.PropertiesChanged(NAME, {"Inhibited": dbus.Boolean(value)}, dbus.Array([], signature="s"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--plain", action="store_true")
    parser.add_argument("--name", default="Plasma")
    parser.add_argument("--vendor", default="KDE")
    args = parser.parse_args()
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    server = Notifications(bus, args.plain, args.name, args.vendor)
    owned = dbus.service.BusName(NAME, bus, do_not_queue=True)
    loop = GLib.MainLoop()

    def on_command(source, condition):
        line = sys.stdin.readline()
        if not line or line.strip() == "quit":
            loop.quit()
            return False
        words = line.split()
        if len(words) == 2 and words[0] == "inhibited":
            server.set_inhibited(words[1] == "true")
            print("ok", flush=True)
        return True

    GLib.io_add_watch(sys.stdin, GLib.IO_IN | GLib.IO_HUP, on_command)
    print("ready", flush=True)
    loop.run()
    del owned


if __name__ == "__main__":
    main()
