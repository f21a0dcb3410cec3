"""Shop-floor tasks: operations of open MOs by resource, with Start / Pause / Complete.

Buttons post through htmx and get back just their task, so a tablet never reloads the list;
without JavaScript the same forms post and redirect back to the list.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from makeline.catalog.models import Resource
from makeline.common.errors import DomainError
from makeline.production import operations
from makeline.production.enums import OperationStatus
from makeline.production.models import OperationRow
from makeline.web.make import selectors
from makeline.web.make.views import PER_PAGE, is_htmx

Op = OperationStatus
_ACTIONS = {"start": Op.IN_PROGRESS, "pause": Op.PAUSED, "complete": Op.COMPLETED}


@login_required
def tasks(request: HttpRequest) -> HttpResponse:
    resource = request.GET.get("resource") or ""
    resource_id = int(resource) if resource.isdigit() else None
    page = Paginator(selectors.tasks(resource_id), PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "resources": Resource.objects.all(),
        "resource_id": resource_id,
    }
    return render(request, "web/make/tasks.html", context)


@login_required
@require_POST
def task_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in _ACTIONS:
        raise Http404("No such action")
    try:
        row = selectors.task(pk)
    except OperationRow.DoesNotExist:
        raise Http404("No such task") from None
    error = None
    try:
        operations.update_operation(operation_row=row, status=_ACTIONS[action])
    except DomainError as refused:
        error = refused.message
    if is_htmx(request):
        context = {"task": selectors.task(pk), "error": error}
        return render(request, "web/make/_task.html", context)
    if error:
        messages.error(request, error)
    response = redirect("web:make:tasks")
    resource = request.POST.get("resource") or ""
    if resource.isdigit():
        response["Location"] += f"?resource={resource}"
    return response
