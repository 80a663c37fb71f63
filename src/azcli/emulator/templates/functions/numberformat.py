""".NET numeric format strings (invariant culture) for format(): {0:N2}, {0:D5}, {0:X}, {0:000}...

Rounding is away from zero at midpoints, as .NET does, not Python's banker's rounding.
"""

import decimal
import re

from ..errors import function_error

_STANDARD = re.compile(r"^([CcDdEeFfGgNnPpXxRr])(\d{0,2})$")


def _rounded(value, places):
    quantum = decimal.Decimal(1).scaleb(-places)
    return decimal.Decimal(repr(value) if isinstance(value, float) else value).quantize(
        quantum, rounding=decimal.ROUND_HALF_UP)


def _fixed(value, places, grouped):
    number = _rounded(value, places)
    text = f"{abs(number):,.{places}f}" if grouped else f"{abs(number):.{places}f}"
    return ("-" if number < 0 else "") + text


def format_number(value, spec):
    """``value`` (int or float) written with .NET format ``spec``."""
    standard = _STANDARD.match(spec)
    if standard:
        return _standard(value, standard.group(1), standard.group(2))
    return _custom(value, spec)


def _standard(value, letter, digits):
    places = int(digits) if digits else None
    upper = letter.upper()
    if upper == "D":
        if not isinstance(value, int):
            raise function_error("format", "the format specifier 'D' requires an integer value.")
        text = str(abs(value)).rjust(places or 0, "0")
        return ("-" if value < 0 else "") + text
    if upper == "X":
        if not isinstance(value, int):
            raise function_error("format", "the format specifier 'X' requires an integer value.")
        text = format(value & 0xFFFFFFFFFFFFFFFF if value < 0 else value, "X" if letter == "X" else "x")
        return text.rjust(places or 0, "0")
    if upper == "F":
        return _fixed(value, 2 if places is None else places, grouped=False)
    if upper == "N":
        return _fixed(value, 2 if places is None else places, grouped=True)
    if upper == "P":
        return _fixed(value * 100, 2 if places is None else places, grouped=True) + " %"
    if upper == "C":
        text = _fixed(value, 2 if places is None else places, grouped=True)
        return f"(¤{text[1:]})" if text.startswith("-") else f"¤{text}"
    if upper == "E":
        mantissa, exponent = f"{value:.{6 if places is None else places}e}".split("e")
        sign = exponent[0]
        return f"{mantissa}{letter}{sign}{exponent[1:].rjust(3, '0')}"
    return str(value)  # G and R: the shortest round-trip text


def _custom(value, spec):
    """Custom patterns of '0', '#', ',' and '.', e.g. '000', '#,##0.00'; other characters are literals."""
    body = re.sub(r"[^0#.,]", "", spec)
    if not body:
        return spec
    integer_part, _, fraction_part = body.partition(".")
    places = len(fraction_part)
    text = _fixed(value, places, grouped="," in integer_part)
    negative = text.startswith("-")
    digits = text.lstrip("-")
    whole, _, fraction = digits.partition(".")
    minimum = integer_part.replace(",", "").count("0")
    if whole.replace(",", "") == "0" and minimum == 0:
        whole = ""
    elif "," not in integer_part:
        whole = whole.rjust(minimum, "0")
    mandatory = fraction_part.count("0")
    fraction = fraction.rstrip("0").ljust(mandatory, "0") if fraction else ""
    number = whole + ("." + fraction if fraction else "")
    prefix = spec[:spec.find(body[0])] if body[0] in spec else ""
    suffix = spec[spec.rfind(body[-1]) + 1:]
    return ("-" if negative else "") + prefix + number + suffix
