"""jixiao (绩效): budget performance self-evaluation forms, checked and published as data."""

__version__ = "0.1.0"
