"""How the Arabic edition writes dates (Django's Arabic month and day names; digits are made
Arabic by common/dates.local_date)."""

# "الأربعاء 19 فبراير 2020"
DATE_FORMAT = "l j F Y"
# "الأربعاء 19 فبراير 2020، 09:30 UTC"
DATETIME_FORMAT = "l j F Y، H:i T"
# "19 فبراير 2020"
SHORT_DATE_FORMAT = "j F Y"
# "19 فبراير، 09:30 UTC"
SHORT_DATETIME_FORMAT = "j F، H:i T"
TIME_FORMAT = "H:i"
