from django.urls import path

from . import views

app_name = "activities"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("<int:pk>/", views.programme_detail, name="detail"),
    path("import/", views.catalogue_import, name="import"),
]
