"""Indonesian phone numbers as people and spreadsheets write them, to one stored form.

A leader's number reaches Sejuk typed into a form or from a spreadsheet, and Excel
reads a column of numbers as numbers: ``0812...`` loses its leading zero (``812...``),
``+62 812...`` typed without spaces loses its plus (``62812...``), and a number of 12 digits
or more is shown, and saved to CSV, in scientific notation (``6.28123E+11``) with its last
digits gone. So a mobile number (08..., +62 8..., 62 8..., or 8... with the zero lost) is
stored one way, the way Sejuk has always shown it, ``0812-3456-7890``: grouped 4-4-rest
with dashes, which Excel also keeps as text when the file is opened again. A value whose
digits cannot be trusted (scientific notation, too few or too many digits, a number that
starts with neither 0 nor +62) is refused with the reason, never guessed. Fixed lines
(``(022) 123 4567``) and foreign numbers are kept as written; only an Excel-stripped
``62...`` gets its plus back.
"""

from __future__ import annotations

import re

from sejuk.errors import BadValue
from sejuk.phrases import Phrases
from sejuk.tables import SCIENTIFIC

#: A whole number a spreadsheet wrote with decimals: 81234567890.0, 81234567890,00.
_DECIMALS = re.compile(r"^(\d+)[.,]0{1,2}$")
#: What people put between the digits: spaces, dashes, dots, parentheses, and the
#: thousands separators of a number format (81,234,567,890 / 81.234.567.890).
_SEPARATORS = re.compile(r"[\s().,-]")
#: A mobile number's digits after the country code (national significant number): 8 then
#: 8 to 11 digits, i.e. 10 to 13 digits written with the leading 0.
_MOBILE_DIGITS = range(9, 13)
#: A fixed line's digits after the 0: a 2-3 digit area code and a 5-8 digit subscriber.
_FIXED_DIGITS = range(7, 12)


def _grouped(national: str) -> str:
    """``0`` and a mobile number's digits in groups of four: 0812-3456-7890."""
    local = "0" + national
    if len(local) == 10:
        return f"{local[:4]}-{local[4:7]}-{local[7:]}"
    return f"{local[:4]}-{local[4:8]}-{local[8:]}"


def normalise_phone(cell: str, column: str = "phone") -> str:
    """The stored form of a phone cell (``""`` for an empty one); :class:`BadValue`
    naming ``column`` and the value when its digits cannot be trusted."""
    text = " ".join(cell.split())
    if not text:
        return ""
    if SCIENTIFIC.match(text):
        raise BadValue.said(_PHONES, "scientific", column=column, value=text)
    whole = _DECIMALS.match(text)
    bare = whole.group(1) if whole else _SEPARATORS.sub("", text)
    plus = bare.startswith("+")
    digits = bare[1:] if plus else bare
    if not digits.isdigit() or len(digits) < 6:
        raise BadValue.said(_PHONES, "not_phone", column=column, value=text)
    if plus and not digits.startswith("62"):
        if len(digits) > 15:  # ITU-T E.164: at most 15 digits
            raise BadValue.said(_PHONES, "not_phone", column=column, value=text)
        return text  # a foreign number, as written
    if plus or digits.startswith("62"):
        national, zero = digits[2:], False
        if national.startswith("0"):  # +62 (0)812...: the trunk 0 written as well
            national = national[1:]
    elif digits.startswith("0"):
        national, zero = digits[1:], True
    elif digits.startswith("8"):
        national, zero = digits, False  # Excel dropped the leading 0
    else:
        raise BadValue.said(_PHONES, "lost_zero", column=column, value=text)
    if national.startswith("8"):
        if len(national) not in _MOBILE_DIGITS:
            raise BadValue.said(_PHONES, "mobile_length", column=column, value=text,
                                digits=len(national) + 1)
        return _grouped(national)
    if len(national) not in _FIXED_DIGITS or national.startswith("0"):
        raise BadValue.said(_PHONES, "fixed_length", column=column, value=text)
    return text if zero or plus else f"+62 {national}"


_PHONES: Phrases = {
    "scientific": {
        "id": "{column} {value!r} ditulis dalam notasi ilmiah: Excel membacanya sebagai angka "
              "dan digit terakhirnya hilang; format kolom sebagai Teks, ketik ulang nomornya "
              "(mis. 0812-3456-7890), lalu simpan lagi",
        "en": "{column} {value!r} is in scientific notation: Excel read it as a number and its "
              "last digits are lost; format the column as Text, type the number again (e.g. "
              "0812-3456-7890) and save again"},
    "not_phone": {"id": "{column} {value!r} bukan nomor telepon",
                  "en": "{column} {value!r} is not a phone number"},
    "lost_zero": {
        "id": "{column} {value!r} tidak diawali 0 atau +62 (nol di depan hilang di Excel?); "
              "tulis lengkap sebagai teks, mis. 0812-3456-7890 atau (022) 123 4567",
        "en": "{column} {value!r} starts with neither 0 nor +62 (a leading zero lost in "
              "Excel?); write it in full as text, e.g. 0812-3456-7890 or (022) 123 4567"},
    "mobile_length": {
        "id": "{column} {value!r}: {digits} digit, nomor HP Indonesia punya 10 sampai 13 digit "
              "(0812-3456-7890); ada digit yang hilang atau berlebih",
        "en": "{column} {value!r}: {digits:|digit|digits}, an Indonesian mobile number has 10 "
              "to 13 (0812-3456-7890); digits are missing or extra"},
    "fixed_length": {
        "id": "{column} {value!r}: jumlah digit tidak cocok dengan nomor telepon Indonesia "
              "(kode area dan nomor, mis. (022) 123 4567)",
        "en": "{column} {value!r}: the number of digits does not fit an Indonesian phone "
              "number (area code and number, e.g. (022) 123 4567)"},
}
