from django.urls import path

from .views import feeds, organizer, public, report

app_name = "discussions"
urlpatterns = [
    path("", public.draft_list, name="list"),
    path("<int:pk>/", public.draft_detail, name="detail"),
    path("<int:pk>/comment/", public.comment, name="comment"),
    path("<int:pk>/rate/", public.rate, name="rate"),
    path("<int:pk>/sections/<int:section_pk>/", public.section_detail, name="section"),
    path("<int:pk>/files/<int:file_pk>/", public.draft_file, name="file"),
    path("<int:pk>/versions/<int:number>/", public.version_detail, name="version"),
    path("<int:pk>/report/", report.report_page, name="report"),
    path("<int:pk>/report/print/", report.report_print, name="report_print"),
    path("<int:pk>/report.xlsx", report.report_xlsx, name="report_xlsx"),
    path("<int:pk>/report.pdf", report.report_pdf_view, name="report_pdf"),
    path("feeds/new.rss", feeds.DraftsFeed(), name="feed_rss"),
    path("feeds/new.atom", feeds.DraftsAtom(), name="feed_atom"),
    path("manage/", organizer.manage, name="manage"),
    path("new/", organizer.draft_new, name="new"),
    path("<int:pk>/edit/", organizer.draft_edit, name="edit"),
    path("<int:pk>/text/", organizer.sections_edit, name="sections"),
    path("<int:pk>/files/attach/", organizer.attach, name="attach"),
    path("<int:pk>/files/<int:file_pk>/remove/", organizer.detach, name="detach"),
    path("<int:pk>/publish/", organizer.draft_publish, name="publish"),
    path("<int:pk>/answers/", organizer.answers, name="answers"),
    path("<int:pk>/answers/<int:note_pk>/", organizer.answer, name="answer"),
    path("<int:pk>/report/publish/", organizer.report_publish, name="report_publish"),
]
