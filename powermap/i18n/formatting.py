"""Dates, numbers, money and shares written the way each language writes them.

One place for every number and date a person reads, in the current language
(:func:`~powermap.i18n.current_locale`) unless ``locale`` is given. Exports of
data (CSV, JSON, XLSX) keep raw values; these are for text people read.

Money: zh_CN counts in 万 and 亿 (``1,200万元``), as Chinese contracts, reports and
people do; eight-digit figures are hard to read for someone who groups by four.
English shows the whole figure with its currency code (``12,000,000 CNY``), not
``12.0M``: the exact figure is what a deal list and a spreadsheet show, and the
rounding of "M" hides differences that matter between two bids.
"""

from __future__ import annotations

import datetime as dt

from .messages import current_locale

__all__ = ["format_date", "format_datetime", "format_number", "format_money",
           "format_percent"]

_DATE = {"en": "d MMM y", "zh_CN": "y年M月d日"}
_TIME = "HH:mm"
_DATETIME = {"en": "d MMM y, HH:mm", "zh_CN": "y年M月d日 HH:mm"}
_WAN, _YI = 10_000, 100_000_000


def _date(value: dt.date | str) -> dt.date:
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    return value.date() if isinstance(value, dt.datetime) else value


def format_date(value: dt.date | str | None, locale: str | None = None) -> str:
    """``2027-01-14`` → ``14 Jan 2027`` (en), ``2027年1月14日`` (zh_CN); None → ``""``.

    Accepts a date, a datetime (its date) or an ISO string as the store keeps them.

    >>> format_date("2027-01-14", "en"), format_date(dt.date(2027, 1, 14), "zh_CN")
    ('14 Jan 2027', '2027年1月14日')
    """
    if value is None or value == "":
        return ""
    from babel.dates import format_date as babel_date

    locale = locale or current_locale()
    return babel_date(_date(value), _DATE.get(locale, "medium"), locale=locale)


def format_datetime(value: dt.datetime | str | None, locale: str | None = None) -> str:
    """``2027-01-14T09:30`` → ``14 Jan 2027, 09:30`` (en), ``2027年1月14日 09:30`` (zh_CN).

    Shown in the time zone the value carries (none: as it is); no conversion.

    >>> format_datetime("2027-01-14T09:30:00Z", "zh_CN")
    '2027年1月14日 09:30'
    """
    if value is None or value == "":
        return ""
    from babel.dates import format_datetime as babel_datetime

    moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    locale = locale or current_locale()
    return babel_datetime(moment, _DATETIME.get(locale, "medium"), tzinfo=moment.tzinfo,
                          locale=locale)


def format_number(value: float | None, digits: int = 0, locale: str | None = None) -> str:
    """``12000000`` → ``12,000,000`` in both languages, ``digits`` decimals; None → ``""``.

    >>> format_number(1234567.891, 2, "zh_CN"), format_number(12_000_000, 0, "en")
    ('1,234,567.89', '12,000,000')
    """
    if value is None:
        return ""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(value, pattern, locale=locale or current_locale())


def format_money(value: float | None, currency: str | None = None,
                 locale: str | None = None) -> str:
    """A deal value: ``1,200万元`` in zh_CN, ``12,000,000 CNY`` in en (see the module doc).

    In zh_CN, amounts from 1万 are given in 万 and from 1亿 in 亿, with at most two
    decimals; the currency follows as its Chinese name (``元`` for CNY, ``美元``...).

    >>> format_money(12_000_000, "CNY", "zh_CN"), format_money(12_000_000, "CNY", "en")
    ('1,200万元', '12,000,000 CNY')
    >>> format_money(123_456_789, "USD", "zh_CN"), format_money(8_500, None, "zh_CN")
    ('1.23亿美元', '8,500')
    """
    if value is None:
        return ""
    from babel.numbers import format_decimal, get_currency_name

    locale = locale or current_locale()
    if locale != "zh_CN":
        return f"{format_number(value, 0, locale)} {currency or ''}".rstrip()
    size = abs(value)
    unit, scale = ("亿", _YI) if size >= _YI else ("万", _WAN) if size >= _WAN else ("", 1)
    number = format_decimal(value / scale, "#,##0.##" if scale > 1 else "#,##0", locale=locale)
    if not currency:
        return number + unit
    name = "元" if currency.upper() == "CNY" else get_currency_name(currency.upper(),
                                                                     locale=locale)
    return f"{number}{unit}{name}" if name != currency.upper() else f"{number}{unit} {currency}"


def format_percent(value: float | None, digits: int = 0, locale: str | None = None) -> str:
    """``0.256`` → ``26%``; None → ``""``.

    >>> format_percent(0.256, 0, "zh_CN"), format_percent(0.256, 1, "en")
    ('26%', '25.6%')
    """
    if value is None:
        return ""
    from babel.numbers import format_percent as babel_percent

    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "") + "%"
    return babel_percent(value, pattern, locale=locale or current_locale())
