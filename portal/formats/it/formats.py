# The Italian date (Django's DATE_FORMAT "d F Y") with its time, without the weekday.
DATETIME_FORMAT = "d F Y H:i"
