from django.urls import path

from jixiao.web.workflow import views

app_name = "workflow"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("forms/<int:pk>/", views.review, name="review"),
    path("forms/<int:pk>/submit/", views.submit, name="submit"),
    path("forms/<int:pk>/return/", views.return_form, name="return"),
    path("forms/<int:pk>/approve/", views.approve_department, name="approve_department"),
    path("forms/<int:pk>/finance-approve/", views.approve_finance, name="approve_finance"),
    path("forms/<int:pk>/spot-check/", views.spot_check, name="spot_check"),
    path("forms/<int:pk>/publish/", views.publish, name="publish"),
    path("forms/<int:pk>/audit/", views.audit_log, name="audit"),
    path("forms/<int:pk>/audit.csv", views.audit_csv, name="audit_csv"),
    path("summary/<int:department>/<int:year>/", views.build_summary, name="build_summary"),
]
