# The Arabic date (Django's DATE_FORMAT "j F، Y") with a 24-hour time.
DATETIME_FORMAT = "j F، Y، H:i"
