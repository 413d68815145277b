from django.urls import path

from . import feeds, views_members, views_public, views_work

app_name = "content"

urlpatterns = [
    path("news/", views_public.news_list, name="news"),
    path("news/rss/", feeds.NewsFeed(), name="news_rss"),
    path("news/atom/", feeds.NewsAtom(), name="news_atom"),
    path("news/<int:pk>/", views_public.news_detail, name="news_detail"),
    path("about/", views_public.sections, name="sections"),
    path("about/<path:path>/", views_public.page, name="page"),
    path("open-government/", views_public.open_government, name="open_government"),
    path("materials/", views_public.material_list, name="materials"),
    path("materials/<int:pk>/", views_public.material_detail, name="material"),
    path("materials/files/<int:pk>/", views_public.material_file, name="material_file"),
    path("help/", views_public.kb_index, name="kb"),
    path("help/<int:pk>/", views_public.kb_entry, name="kb_entry"),
    path("help/<int:pk>/helpful/", views_public.kb_helpful, name="kb_helpful"),
    path("events/", views_public.event_list, name="events"),
    path("events/month/", views_public.event_month, name="events_month"),
    path("events/calendar.ics", views_public.events_ics, name="events_ics"),
    path("events/rss/", feeds.EventsFeed(), name="events_rss"),
    path("events/atom/", feeds.EventsAtom(), name="events_atom"),
    path("events/<int:pk>/", views_public.event_detail, name="event"),
    path("events/<int:pk>.ics", views_public.event_ics, name="event_ics"),
    path("events/<int:pk>/attend/", views_public.event_attend, name="event_attend"),
    path("content/work/", views_work.work, name="work"),
    path("content/work/editors/", views_work.editors, name="editors"),
    path("content/work/open-government/", views_members.members, name="members"),
    path("content/work/open-government/<int:pk>/", views_members.member_edit, name="member"),
    path(
        "content/work/open-government/<int:pk>/remove/",
        views_members.member_remove,
        name="member_remove",
    ),
    path("content/work/<slug:kind>/", views_work.work, name="work_kind"),
    path("content/work/<slug:kind>/new/", views_work.item_edit, name="work_new"),
    path("content/work/<slug:kind>/<int:pk>/", views_work.item_edit, name="work_item"),
    path(
        "content/work/<slug:kind>/<int:pk>/publish/",
        views_work.item_publish,
        name="work_publish",
    ),
    path(
        "content/work/<slug:kind>/<int:pk>/withdraw/",
        views_work.item_withdraw,
        name="work_withdraw",
    ),
]
