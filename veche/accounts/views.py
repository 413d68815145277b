from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render


def register(request):
    return HttpResponse("TODO")


@login_required
def cabinet(request):
    return render(request, "accounts/cabinet.html")
