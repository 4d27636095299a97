from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render

from .selectors import case_search


@login_required
@permission_required("workflow.view_case", raise_exception=True)
def staff_search(request):
    query = request.GET.get("q", "").strip()[:200]
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    result = case_search(user=request.user, query=query, page=page) if query else None
    return render(request, "search/staff_search.html", {"query": query, "result": result})
