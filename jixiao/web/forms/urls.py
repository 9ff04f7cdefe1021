from django.contrib.auth.decorators import login_required
from django.urls import path

from jixiao.web.forms import views
from jixiao.web.forms.guards import structure_op_checked

app_name = "forms"
urlpatterns = [
    path("", views.form_list, name="list"),
    path("new/", views.form_create, name="create"),
    path("<int:pk>/", views.form_detail, name="detail"),
    path("<int:pk>/view/", views.form_view, name="view"),
    path("<int:pk>/save/", views.form_save, name="save"),
    path("<int:pk>/structure/", login_required(structure_op_checked(views.form_structure)), name="structure"),
    path("<int:pk>/review/<int:item>/resolve/", views.review_resolve, name="review_resolve"),
    path("<int:pk>/export/<str:fmt>/", views.form_export, name="export"),
    path("<int:pk>/import/", views.form_import, name="import"),
    path("imports/<int:pk>/", views.import_job, name="import_job"),
]
