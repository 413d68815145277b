"""The public report pages, mounted at /reports/ (veche/urls.py). Officials: workspace_urls.py."""

from django.urls import path

from .views import citizen, engagement, export, feeds, filing, proposals, public

app_name = "reports"
urlpatterns = [
    path("", public.report_list, name="list"),
    path("new/", filing.new_report, name="new"),
    path("nearby/", filing.nearby, name="nearby"),
    path("new/places/", filing.places, name="places"),
    path("map/", public.report_map, name="map"),
    path("map.geojson", public.map_geojson, name="map_geojson"),
    path("feeds/new.rss", feeds.new_reports_rss, name="feed_reports_rss"),
    path("feeds/new.atom", feeds.new_reports_atom, name="feed_reports_atom"),
    path("feeds/answers.rss", feeds.answers_rss, name="feed_answers_rss"),
    path("feeds/answers.atom", feeds.answers_atom, name="feed_answers_atom"),
    path("export.csv", export.export_csv, name="export_csv"),
    path("export.xlsx", export.export_xlsx, name="export_xlsx"),
    path("mine/", public.my_reports, name="mine"),
    path("<int:pk>/", public.report_detail, name="detail"),
    path("<int:pk>/answers/files/<int:file_pk>/", public.answer_file, name="answer_file"),
    path("<int:pk>/support/", citizen.support, name="support"),
    path("<int:pk>/support/withdraw/", citizen.support_withdraw, name="support_withdraw"),
    path("<int:pk>/review/", citizen.review, name="review"),
    path("<int:pk>/follow/", engagement.follow, name="follow"),
    path("<int:pk>/unfollow/", engagement.unfollow, name="unfollow"),
    path("<int:pk>/press/", engagement.press_add, name="press_add"),
    path("<int:pk>/press/<int:link_pk>/remove/", engagement.press_remove, name="press_remove"),
    path("catalogue/propose/", proposals.propose, name="propose"),
    path("catalogue/proposals/", proposals.review_list, name="proposals"),
    path("catalogue/proposals/<int:pk>/accept/", proposals.accept, name="proposal_accept"),
    path("catalogue/proposals/<int:pk>/decline/", proposals.decline, name="proposal_decline"),
]
