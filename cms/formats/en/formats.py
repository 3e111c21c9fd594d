"""English formats that also read the German notation the admin's date fields use.

The admin writes dates as ``20.01.2027 14:00`` (``WAGTAIL_DATETIME_FORMAT``) for every user; an editor who
chose English must be able to submit what the field shows, so the German forms come first here.
"""

from django.conf.locale.en import formats as english
from django.conf.locale.en.formats import *  # noqa: F403 — every other English format stays as Django has it

DATE_INPUT_FORMATS = ["%d.%m.%Y", *english.DATE_INPUT_FORMATS]
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S", *english.DATETIME_INPUT_FORMATS]
