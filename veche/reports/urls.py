"""The public report pages, mounted at /reports/ (veche/urls.py). Officials: workspace_urls.py."""

from django.urls import path

from .views import citizen, filing, public

app_name = "reports"
urlpatterns = [
    path("", public.report_list, name="list"),
    path("new/", filing.new_report, name="new"),
    path("nearby/", filing.nearby, name="nearby"),
    path("new/places/", filing.places, name="places"),
    path("map/", public.report_map, name="map"),
    path("map.geojson", public.map_geojson, name="map_geojson"),
    path("mine/", public.my_reports, name="mine"),
    path("<int:pk>/", public.report_detail, name="detail"),
    path("<int:pk>/answers/files/<int:file_pk>/", public.answer_file, name="answer_file"),
    path("<int:pk>/support/", citizen.support, name="support"),
    path("<int:pk>/support/withdraw/", citizen.support_withdraw, name="support_withdraw"),
    path("<int:pk>/review/", citizen.review, name="review"),
]
