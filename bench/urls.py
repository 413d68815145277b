from django.urls import path

from bench.benchapp.views import bare_insert
from veche.urls import urlpatterns as portal

urlpatterns = [path("bench/insert/", bare_insert), *portal]
