"""Viewflow's own pages (process and task lists, dashboards, process and task pages),
limited to what each person may see: the processes of the cases they may see (their
teams', their own, everything for managers and auditors) and those holding a task they
have or had. Another team's process or task is refused (403), as another team's case page
and files are (process numbers are sequential: hiding that one exists would hide nothing)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import URLPattern, URLResolver

from viewflow.utils import viewprop
from viewflow.workflow import STATUS, chart
from viewflow.workflow.fields import get_task_ref
from viewflow.workflow.flow import FlowAppViewset
from viewflow.workflow.flow import views as flow_views

from .selectors import processes_visible_to, tasks_visible_to


def _visible_process_required(view):
    """Wrap a view whose URL names a process: 403 unless the person may see it. When the
    URL names a task too, it must be one of that process's (Viewflow loads the task by its
    number alone): another process's task is refused too (403), as another team's is (a 404
    would first be redirected by the locale middleware to the path under a language prefix)."""

    @wraps(view)
    def scoped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        process_pk = kwargs.get("process_pk")
        if not processes_visible_to(request.user).filter(pk=process_pk).exists():
            raise PermissionDenied
        if "task_pk" in kwargs and not (
            tasks_visible_to(request.user)
            .filter(pk=kwargs["task_pk"], process_id=process_pk)
            .exists()
        ):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return scoped


def _scope_patterns(patterns) -> None:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _scope_patterns(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and "process_pk" in str(pattern.pattern):
            pattern.callback = _visible_process_required(pattern.callback)


class ScopedInboxView(flow_views.FlowInboxListView):
    @viewprop
    def queryset(self):
        return tasks_visible_to(self.request.user, super().queryset)


class ScopedQueueView(flow_views.FlowQueueListView):
    @viewprop
    def queryset(self):
        return tasks_visible_to(self.request.user, super().queryset)


class ScopedArchiveView(flow_views.FlowArchiveListView):
    @viewprop
    def queryset(self):
        return tasks_visible_to(self.request.user, super().queryset)


class ScopedTaskListView(flow_views.DashboardTaskListView):
    @viewprop
    def queryset(self):
        return tasks_visible_to(self.request.user, super().queryset)


class ScopedProcessListView(flow_views.DashboardProcessListView):
    def get_queryset(self):
        queryset = super().get_queryset().filter(pk__in=processes_visible_to(self.request.user))
        # Pages need a stable order; keep the one the person chose, if any.
        return queryset if queryset.ordered else queryset.order_by("-pk")


class ScopedDashboardView(flow_views.DashboardView):
    """Viewflow's board of the flow's open tasks, per step, among those one may see."""

    def get_context_data(self, **kwargs):
        sorted_nodes, _ = chart.topsort(self.flow_class)
        nodes = [node for node in sorted_nodes if node.task_type in ["HUMAN", "JOB", "SUBPROCESS"]]
        end_nodes = [node for node in sorted_nodes if node.task_type in ["END"]]
        available = tasks_visible_to(
            self.request.user,
            self.flow_class.task_class._default_manager.filter_available(
                [self.flow_class], self.request.user
            ),
        )
        columns = [
            {
                "node": node,
                "node_ref": get_task_ref(node),
                "tasks": available.filter(
                    Q(finished__isnull=True) | Q(status=STATUS.ERROR), flow_task=node
                )[: self.MAX_ROWS],
            }
            for node in nodes
        ]
        finished = available.filter(finished__isnull=False, flow_task__in=end_nodes)[
            : self.MAX_ROWS
        ]
        start_nodes = [
            {"node": node, "can_execute": node.can_execute(self.request.user)}
            for node in self.flow_class.instance.get_start_nodes()
        ]
        # TemplateView's own context, then the board (DashboardView's is replaced).
        context = super(flow_views.DashboardView, self).get_context_data(**kwargs)
        context.update(
            columns=columns, start_nodes=start_nodes, end_nodes=end_nodes, finished=finished
        )
        return context


class ScopedBulkAssignView(flow_views.BulkAssignTasksActionView):
    def get_queryset(self):
        self.object_list = tasks_visible_to(self.request.user, super().get_queryset())
        return self.object_list


class ScopedBulkUnassignView(flow_views.BulkUnassignTasksActionView):
    def get_queryset(self):
        self.object_list = tasks_visible_to(self.request.user, super().get_queryset())
        return self.object_list


class ScopedFlowAppViewset(FlowAppViewset):
    dashboard_view_class = ScopedDashboardView
    process_list_view_class = ScopedProcessListView
    task_list_view_class = ScopedTaskListView
    inbox_view_class = ScopedInboxView
    queue_view_class = ScopedQueueView
    archive_view_class = ScopedArchiveView
    tasks_assign_view_class = ScopedBulkAssignView
    tasks_unassign_view_class = ScopedBulkUnassignView

    def _get_urls(self):
        patterns = super()._get_urls()
        _scope_patterns(patterns)
        return patterns
