from jixiao.web.api.api import api

# ninja names its URLs in the namespace given as ``urls_namespace`` ("api").
app_name = "api"
urlpatterns = api.urls[0]
