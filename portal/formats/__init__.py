"""Date formats where Django's own would show a page's dates two ways (FORMAT_MODULE_PATH).

A page shows a date alone (DATE_FORMAT) beside a date with its time (DATETIME_FORMAT): the
date part must read the same. Django's Arabic has no DATETIME_FORMAT (the English "N j, Y,
P" was used beside the Arabic "j F، Y") and its Italian one adds the weekday. Only these
names are set here; every other format stays Django's.
"""
