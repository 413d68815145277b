from django.urls import path

from . import views

app_name = "points"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("mine/", views.mine, name="mine"),
    path("rewards/<int:pk>/order/", views.reward_order, name="order"),
    path("invite/", views.invite, name="invite"),
    path("invite/<str:code>/", views.invite_follow, name="invite_follow"),
    path("ambassadors/", views.ambassador_list, name="ambassadors"),
    path("desk/", views.desk, name="desk"),
    path("desk/orders/<int:pk>/fulfil/", views.order_fulfil, name="fulfil"),
    path("desk/orders/<int:pk>/cancel/", views.order_cancel, name="cancel"),
]
