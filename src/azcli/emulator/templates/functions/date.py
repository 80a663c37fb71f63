"""Date functions: utcNow, dateTimeAdd, dateTimeFromEpoch, dateTimeToEpoch, with .NET format strings."""

import datetime as _dt
import re

from .registry import expect, function_error, template_function

_UTC = _dt.timezone.utc
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_UTC)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
# .NET's standard date formats, invariant culture, as the custom patterns they stand for.
_STANDARD = {
    "d": "MM/dd/yyyy", "D": "dddd, dd MMMM yyyy", "f": "dddd, dd MMMM yyyy HH:mm",
    "F": "dddd, dd MMMM yyyy HH:mm:ss", "g": "MM/dd/yyyy HH:mm", "G": "MM/dd/yyyy HH:mm:ss",
    "m": "MMMM dd", "M": "MMMM dd", "o": "yyyy-MM-ddTHH:mm:ss.fffffffK", "O": "yyyy-MM-ddTHH:mm:ss.fffffffK",
    "r": "ddd, dd MMM yyyy HH:mm:ss 'GMT'", "R": "ddd, dd MMM yyyy HH:mm:ss 'GMT'", "s": "yyyy-MM-ddTHH:mm:ss",
    "t": "HH:mm", "T": "HH:mm:ss", "u": "yyyy-MM-dd HH:mm:ssZ", "U": "dddd, dd MMMM yyyy HH:mm:ss",
    "y": "yyyy MMMM", "Y": "yyyy MMMM",
}
_TOKEN = re.compile(r"'[^']*'|\"[^\"]*\"|\\.|%|y+|M+|d+|H+|h+|m+|s+|f+|F+|t+|K|z+|.", re.S)
_DURATION = re.compile(r"^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?"
                       r"(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$")


def _custom_piece(token, moment):
    letter, count = token[0], len(token)
    if letter in "'\"":
        return token[1:-1]
    if letter == "\\":
        return token[1:]
    if letter == "%":
        return ""
    if letter == "y":
        return str(moment.year % 100).zfill(2) if count == 2 else str(moment.year).zfill(count)
    if letter == "M":
        return (str(moment.month), str(moment.month).zfill(2), _MONTHS[moment.month - 1][:3],
                _MONTHS[moment.month - 1])[min(count, 4) - 1]
    if letter == "d":
        return (str(moment.day), str(moment.day).zfill(2), _DAYS[moment.weekday()][:3],
                _DAYS[moment.weekday()])[min(count, 4) - 1]
    if letter in "Hhms":
        number = {"H": moment.hour, "h": moment.hour % 12 or 12, "m": moment.minute, "s": moment.second}[letter]
        return str(number).zfill(min(count, 2))
    if letter in "fF":
        digits = str(moment.microsecond).zfill(6).ljust(7, "0")[:count]
        return digits.rstrip("0") if letter == "F" else digits
    if letter == "t":
        marker = "AM" if moment.hour < 12 else "PM"
        return marker[:count]
    if letter == "K":
        return "Z"
    if letter == "z":
        return "+00:00" if count >= 3 else "+00" if count == 2 else "+0"
    return token


def format_datetime(moment, pattern):
    """``moment`` (UTC) written with a .NET standard or custom date and time format string."""
    pattern = _STANDARD.get(pattern, pattern)
    return "".join(_custom_piece(token, moment) for token in _TOKEN.findall(pattern))


def parse_datetime(name, text):
    """An ISO 8601 timestamp as an aware UTC datetime (a missing offset means UTC)."""
    cleaned = text.strip().replace(" ", "T", 1)
    if cleaned.endswith(("Z", "z")):
        cleaned = cleaned[:-1] + "+00:00"
    fraction = re.search(r"\.(\d+)", cleaned)
    if fraction and len(fraction.group(1)) > 6:  # .NET keeps 7 digits, Python 6
        cleaned = cleaned[:fraction.start(1) + 6] + cleaned[fraction.end(1):]
    try:
        moment = _dt.datetime.fromisoformat(cleaned)
    except ValueError:
        raise function_error(name, f"the value '{text}' is not a valid ISO 8601 date and time.") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_UTC)
    return moment.astimezone(_UTC)


def parse_duration(name, text):
    """An ISO 8601 duration as a timedelta; ARM counts a year as 365 days and a month as 30."""
    match = _DURATION.match(text.strip().upper())
    if not match or text.strip().upper() in ("P", "-P", "PT"):
        raise function_error(name, f"the value '{text}' is not a valid ISO 8601 duration.")
    sign, years, months, weeks, days, hours, minutes, seconds = match.groups()
    delta = _dt.timedelta(days=365 * int(years or 0) + 30 * int(months or 0) + 7 * int(weeks or 0)
                          + int(days or 0), hours=int(hours or 0), minutes=int(minutes or 0),
                          seconds=float(seconds or 0))
    return -delta if sign else delta


def _now(ctx):
    now = ctx.now
    if now is None:
        return _dt.datetime.now(_UTC)
    if isinstance(now, str):
        return parse_datetime("utcNow", now)
    return now if now.tzinfo else now.replace(tzinfo=_UTC)


@template_function("utcNow", 0, 1)
def utc_now(ctx, args):
    pattern = expect("utcNow", args, 0, "String") if args else "yyyyMMddTHHmmssZ"
    return format_datetime(_now(ctx).astimezone(_UTC), pattern)


@template_function("dateTimeAdd", 2, 3)
def date_time_add(ctx, args):
    base = parse_datetime("dateTimeAdd", expect("dateTimeAdd", args, 0, "String"))
    delta = parse_duration("dateTimeAdd", expect("dateTimeAdd", args, 1, "String"))
    pattern = expect("dateTimeAdd", args, 2, "String") if len(args) == 3 else "yyyy-MM-ddTHH:mm:ssZ"
    return format_datetime(base + delta, pattern)


@template_function("dateTimeFromEpoch", 1)
def date_time_from_epoch(ctx, args):
    seconds = expect("dateTimeFromEpoch", args, 0, "Integer")
    return format_datetime(_EPOCH + _dt.timedelta(seconds=seconds), "yyyy-MM-ddTHH:mm:ssZ")


@template_function("dateTimeToEpoch", 1)
def date_time_to_epoch(ctx, args):
    moment = parse_datetime("dateTimeToEpoch", expect("dateTimeToEpoch", args, 0, "String"))
    return int((moment - _EPOCH).total_seconds())
