from django.urls import path

from jixiao.web.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("forms/<int:pk>/", views.form_detail, name="form"),
    path("forms/<int:pk>/download/<str:fmt>/", views.form_download, name="download"),
]
