from django.urls import path

from . import feeds, views, views_residents

app_name = "infrastructure"
urlpatterns = [
    path("", views.facility_list, name="list"),
    path("map/", views.facility_map, name="map"),
    path("map.geojson", views.map_geojson, name="map_geojson"),
    path("export.<str:fmt>", views.export, name="export"),
    path("feed.rss", feeds.StatusFeed(), name="feed_rss"),
    path("feed.atom", feeds.StatusAtom(), name="feed_atom"),
    path("on-time/", views_residents.on_time, name="on_time"),
    path("proposals/", views_residents.proposal_list, name="proposals"),
    path("proposals/new/", views_residents.proposal_new, name="proposal_new"),
    path("proposals/<int:pk>/", views_residents.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/support/", views_residents.proposal_support, name="proposal_support"),
    path("proposals/<int:pk>/decide/", views_residents.proposal_decide, name="proposal_decide"),
    path("<int:pk>/", views.facility_detail, name="detail"),
    path("<int:pk>/edit/", views.facility_edit, name="edit"),
    path("<int:pk>/rate/", views_residents.facility_rate, name="rate"),
    path("<int:pk>/files/", views_residents.facility_files, name="files"),
    path("<int:pk>/vote/", views_residents.facility_vote, name="vote"),
    path("<int:pk>/vote/paper/", views_residents.facility_vote_paper, name="vote_paper"),
    path("<int:pk>/vote/open/", views_residents.facility_vote_open, name="vote_open"),
    path("<int:pk>/documents/<int:document_id>/", views.document_download, name="document"),
]
