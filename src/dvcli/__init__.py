"""dvcli — the working group's tool for assignments, reports and consolidated reports."""

__version__ = "0.1.0"
