from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "jixiao.web.forms"
    label = "forms"
    verbose_name = "自评表"

    def ready(self) -> None:
        from jixiao.web import checks  # noqa: F401  (registers the system checks)
