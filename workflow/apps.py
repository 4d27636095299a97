from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = _("Complaint handling")

    def ready(self):
        from . import checks, config, lockout, outbox, workers  # noqa: F401 - lockout connects its receiver

        config.connect()
        outbox.handlers_register_defaults()
        workers.connect()
        checks.register()
