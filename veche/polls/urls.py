from django.urls import path

from .views import editor, exports, feeds, paper, public

app_name = "polls"
urlpatterns = [
    path("", public.poll_list, name="list"),
    path("<int:pk>/", public.poll_detail, name="detail"),
    path("<int:pk>/results/", public.poll_results, name="results"),
    path("<int:pk>/paper/", paper.paper_ballot, name="paper"),
    path("<int:pk>/results.<str:fmt>", exports.results_export, name="results_export"),
    path("<int:pk>/ballots.<str:fmt>", exports.ballots_export, name="ballots_export"),
    path("feeds/new.rss", feeds.NewPollsFeed(), name="feed_rss"),
    path("feeds/new.atom", feeds.NewPollsAtom(), name="feed_atom"),
    path("manage/", editor.manage, name="manage"),
    path("new/", editor.poll_new, name="new"),
    path("<int:pk>/edit/", editor.poll_edit, name="edit"),
    path("<int:pk>/publish/", editor.poll_publish, name="publish"),
    path("<int:pk>/unpublish/", editor.poll_unpublish, name="unpublish"),
    path("<int:pk>/results/publish/", editor.results_publish, name="results_publish"),
    path("<int:pk>/questions/new/", editor.question_new, name="question_new"),
    path("questions/<int:pk>/", editor.question_edit, name="question_edit"),
    path("questions/<int:pk>/delete/", editor.question_delete, name="question_delete"),
    path("questions/<int:pk>/move/", editor.question_move, name="question_move"),
    path("options/<int:pk>/", editor.option_edit, name="option_edit"),
]
