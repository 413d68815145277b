from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .models import Ping


@csrf_exempt
@require_POST
def bare_insert(request):
    """One INSERT and nothing else: the ceiling a write endpoint is measured against."""
    Ping.objects.create()
    return HttpResponse(b"{}", content_type="application/json", status=201)
