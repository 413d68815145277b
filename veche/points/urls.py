from django.urls import path

from . import views

app_name = "points"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("mine/", views.mine, name="mine"),
    path("rewards/<int:pk>/order/", views.reward_order, name="order"),
    path("desk/", views.desk, name="desk"),
    path("desk/orders/<int:pk>/fulfil/", views.order_fulfil, name="fulfil"),
    path("desk/orders/<int:pk>/cancel/", views.order_cancel, name="cancel"),
]
