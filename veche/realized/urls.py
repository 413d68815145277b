app_name = "realized"
urlpatterns = []
