from django.urls import path

from jixiao.web.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.index, name="index"),
    path("department/<int:pk>/", views.department_years, name="department"),
    path("forms/", views.form_list, name="forms"),
]
