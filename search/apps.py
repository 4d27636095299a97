from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from elastic_transport import TransportError

        from workflow import outbox
        from workflow.models import OutboxMessage

        from .services import outbox_search_deliver, search_budget

        # The search index is a channel of the outbox: one bulk request per batch.
        outbox.handler_register(
            channel=OutboxMessage.Channel.SEARCH,
            handler=outbox.Handler(
                deliver_batch=outbox_search_deliver,
                budget=search_budget,
                unavailable=(TransportError,),
            ),
        )
