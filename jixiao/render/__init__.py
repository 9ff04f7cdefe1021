"""What leaves the system: the official form as XLSX, HTML, PDF and DOCX, and the forms as open data.

Every exporter starts from a ``Form`` and its ``Report`` (``jixiao.core.report.check``) and draws
the same page, built once by ``jixiao.render.layout``: a grid of cells in the official layout
(部门整体支出绩效自评表, Guangzhou; 项目支出绩效自评表, 财预〔2020〕10号). Nothing here uses Django.
"""
