from django.urls import path

from bench.benchapp.views import bare_insert, bare_page
from veche.urls import urlpatterns as portal

urlpatterns = [path("bench/insert/", bare_insert), path("bench/page/", bare_page), *portal]
