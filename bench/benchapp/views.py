from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .models import Ping


@csrf_exempt
@require_POST
def bare_insert(request):
    """One INSERT and nothing else: the ceiling a write endpoint is measured against."""
    Ping.objects.create()
    return HttpResponse(b"{}", content_type="application/json", status=201)


@require_GET
def bare_page(request):
    """A page without a query or a template, through the same middleware: the ceiling a page is
    measured against."""
    return HttpResponse(b"<!doctype html><title>bench</title><p>bench</p>")
