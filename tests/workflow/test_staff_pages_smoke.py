"""Every staff page of the demo, as every demo role: nothing answers with a server error."""

import os

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

import pytest

from workflow.models import Case
from workflow.views import _task_url


@pytest.mark.django_db
def test_no_staff_page_fails_for_any_role(client):
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    cases = list(Case.objects.select_related("process"))
    pages = [
        "/staff/work/",
        "/staff/workload/",
        "/staff/improvement/iso10002/",
        "/staff/deliveries/",
        "/staff/cases/new/",
        reverse("staff_search") + "?q=a",
        reverse("staff_search") + "?q=" + cases[0].reference,
        reverse("cases:complaint:inbox"),
        reverse("cases:complaint:queue"),
        reverse("cases:complaint:archive"),
        reverse("cases:feedback:inbox"),
        reverse("cases:complaint:chart"),
        reverse("improvement:satisfaction"),
        reverse("improvement:satisfaction_cases") + "?show=answered",
        *(f"/staff/cases/{case.reference}/" for case in cases),
    ]
    for case in cases:
        namespace = "cases:" + case.process.flow_class.__name__.removesuffix("Flow").lower()
        pages.append(reverse(f"{namespace}:process_detail", args=[case.process_id]))
        for task in case.process.task_set.filter(flow_task_type="HUMAN", finished__isnull=True):
            pages.append(_task_url(task))
            if task.owner_id:
                pages.append(_task_url(task).replace("/detail/", "/execute/"))
    failures, opened = [], set()
    for user in get_user_model().objects.all():
        client.force_login(user)
        for page in pages:
            status = client.get(page).status_code
            if status >= 500:
                failures.append((user.username, page, status))
            elif status == 200:
                opened.add(page)
    assert failures == []
    # Every page opened for someone: the list is real, not a set of 404s.
    assert set(pages) - opened == set()
