from django.apps import AppConfig


class ScoringConfig(AppConfig):
    name = "jixiao.web.scoring"
    label = "scoring"
    verbose_name = "评分与比对"
