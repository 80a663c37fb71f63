"""Values ARM mints: random GUIDs and its timestamp form."""
import os
import time


def new_guid():
    """A random (version 4) GUID string, without importing uuid."""
    b = bytearray(os.urandom(16))
    b[6] = (b[6] & 0x0F) | 0x40
    b[8] = (b[8] & 0x3F) | 0x80
    h = b.hex()
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


def iso(seconds):
    """ARM's timestamp form: 2022-05-12T19:11:06.3060384Z."""
    return "%s.%07dZ" % (time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)), int(seconds % 1 * 1e7))
