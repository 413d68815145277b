from django.urls import path

from . import views

app_name = "infrastructure"
urlpatterns = [
    path("", views.facility_list, name="list"),
    path("map/", views.facility_map, name="map"),
    path("map.geojson", views.map_geojson, name="map_geojson"),
    path("export.<str:fmt>", views.export, name="export"),
    path("<int:pk>/", views.facility_detail, name="detail"),
    path("<int:pk>/edit/", views.facility_edit, name="edit"),
    path("<int:pk>/documents/<int:document_id>/", views.document_download, name="document"),
]
