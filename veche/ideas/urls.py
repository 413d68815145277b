"""The idea pages, mounted at /ideas/ (veche/urls.py)."""

from django.urls import path

from .views import campaign_feeds, campaigns, citizen, feeds, filing, public, staff, work

app_name = "ideas"
urlpatterns = [
    path("", public.idea_list, name="list"),
    path("new/", filing.new_idea, name="new"),
    path("map/", public.idea_map, name="map"),
    path("map.geojson", public.map_geojson, name="map_geojson"),
    path("mine/", public.my_ideas, name="mine"),
    path("work/", work.staff_work, name="work"),
    path("from-report/", staff.from_report, name="from_report"),
    path("feeds/new.rss", feeds.new_ideas_rss, name="feed_rss"),
    path("feeds/new.atom", feeds.new_ideas_atom, name="feed_atom"),
    path("campaigns/", campaigns.campaign_list, name="campaigns"),
    path("campaigns/new/", campaigns.campaign_new, name="campaign_new"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/edit/", campaigns.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/experts/", campaigns.expert_add, name="campaign_expert_add"),
    path(
        "campaigns/<int:pk>/experts/<int:user_pk>/remove/",
        campaigns.expert_remove,
        name="campaign_expert_remove",
    ),
    path("campaigns/<int:pk>/results/", campaigns.campaign_results, name="campaign_results"),
    path("campaigns/<int:pk>/ideas.rss", campaign_feeds.campaign_rss, name="campaign_rss"),
    path("campaigns/<int:pk>/ideas.atom", campaign_feeds.campaign_atom, name="campaign_atom"),
    path("<int:pk>/rate/", campaigns.rate, name="rate"),
    path("<int:pk>/verdict/", campaigns.judge, name="judge"),
    path("<int:pk>/", public.idea_detail, name="detail"),
    path("<int:pk>/files/<int:file_pk>/", public.idea_file, name="file"),
    path("<int:pk>/progress.rss", feeds.progress_rss, name="progress_rss"),
    path("<int:pk>/progress.atom", feeds.progress_atom, name="progress_atom"),
    path("<int:pk>/support/", citizen.support, name="support"),
    path("<int:pk>/support/withdraw/", citizen.support_withdraw, name="support_withdraw"),
    path("<int:pk>/publish/", staff.publish, name="publish"),
    path("<int:pk>/reject/", staff.reject, name="reject"),
    path("<int:pk>/edit/", staff.edit, name="edit"),
    path("<int:pk>/merge/", staff.merge, name="merge"),
    path("<int:pk>/consider/", staff.consider, name="consider"),
    path("<int:pk>/take/", staff.take, name="take"),
    path("<int:pk>/decline/", staff.decline, name="decline"),
    path("<int:pk>/progress/", staff.progress, name="progress"),
    path("<int:pk>/implement/", staff.implement, name="implement"),
]
