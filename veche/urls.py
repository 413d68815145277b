from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from veche.accounts.views import admin_login
from veche.api.api import api

urlpatterns = [
    # First: the API's writes are the portal's busiest requests, and Django tries the patterns in
    # order (a support resolved after thirty-odd includes spent a tenth of its time there).
    path("api/v1/", api.urls),
    path("", include("veche.core.urls")),
    path("accounts/", include("veche.accounts.urls")),
    path("verification/", include("veche.verification.urls")),
    path("staff/", include("veche.staff.urls")),
    path("reports/", include("veche.reports.urls")),
    path("ideas/", include("veche.ideas.urls")),
    path("polls/", include("veche.polls.urls")),
    path("discussions/", include("veche.discussions.urls")),
    path("budgeting/realized/", include("veche.realized.urls")),
    path("points/", include("veche.points.urls")),
    path("community/", include("veche.community.urls")),
    path("objects/", include("veche.infrastructure.urls")),
    path("analytics/", include("veche.analytics.urls")),
    path("budgeting/", include("veche.budgeting.urls")),
    path("territory/", include("veche.territory.urls")),
    path("workspace/reports/", include("veche.reports.workspace_urls")),
    path("moderation/", include("veche.moderation.urls")),
    path("search/", include("veche.search.urls")),
    path("chat/", include("veche.chatbot.urls")),
    path("activities/", include("veche.activities.urls")),
    path("direct-line/", include("veche.directline.urls")),
    path("notifications/", include("veche.notifications.urls")),
    path("comments/", include("veche.comments.urls")),
    path("voting/", include("veche.voting.urls")),
    path("", include("veche.content.urls")),
    path("opendata/", include("veche.opendata.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("open311/v2/", include("veche.open311.urls")),
    path("api-tokens/", include("veche.api.urls")),
    path("admin/login/", admin_login),  # before the admin's own: the login under the rate limit
    path("admin/", admin.site.urls),
]
# Error pages in the base layout and the reader's language (JSON under /api/v1/).
handler403 = "veche.core.views.permission_denied"
handler404 = "veche.core.views.page_not_found"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
