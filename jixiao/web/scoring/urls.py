from django.urls import path

from jixiao.web.scoring import views

app_name = "scoring"
urlpatterns = [
    path("scheme/", views.scheme_edit, name="scheme"),
    path("compare/", views.compare_index, name="compare"),
    path("compare/<slug:kind>/", views.compare_list, name="compare_list"),
]
