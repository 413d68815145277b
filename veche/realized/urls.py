from django.urls import path

from . import views

app_name = "realized"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("map/", views.project_map, name="map"),
    path("map.geojson", views.map_geojson, name="map_geojson"),
    path("new/", views.project_new, name="new"),
    path("import/", views.project_import, name="import"),
    path("completeness/", views.completeness, name="completeness"),
    path("winners/", views.winners, name="winners"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
    path("<int:pk>/manage/", views.project_manage, name="manage"),
    path("<int:pk>/progress/", views.project_progress, name="progress"),
    path("<int:pk>/finish/", views.project_finish, name="finish"),
    path("<int:pk>/abandon/", views.project_abandon, name="abandon"),
    path("<int:pk>/refund/", views.project_refund, name="refund"),
    path("<int:pk>/photos/", views.project_photos, name="photos"),
]
