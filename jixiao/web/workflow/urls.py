"""The review pages; each workflow step on a form has its URL from the table (``transitions.STEPS``)."""

from django.urls import path

from jixiao.web.workflow import transitions, views

app_name = "workflow"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("forms/<int:pk>/", views.review, name="review"),
    path("forms/<int:pk>/submit/", views.submit, name="submit"),
    *(
        path(f"forms/<int:pk>/{step.slug}/", views.step, {"name": step.name}, name=step.name)
        for step in transitions.FORM_STEPS
        if step.name != "submit"
    ),
    path("forms/<int:pk>/audit/", views.audit_log, name="audit"),
    path("forms/<int:pk>/audit.csv", views.audit_csv, name="audit_csv"),
    path("summary/<int:department>/<int:year>/", views.build_summary, name="build_summary"),
]
