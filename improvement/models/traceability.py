"""The permission to read the ISO 10002 traceability page (no table: the clause list and the
map are files, see improvement/traceability.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Traceability(models.Model):
    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_traceability", _("Can see the ISO 10002 traceability of clauses to tests")),
        ]
        verbose_name = _("ISO 10002 traceability")
