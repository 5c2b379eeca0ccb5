"""juesuan, the application: the command line, a run's stages in order, dbt build, run records and outputs."""

__version__ = "0.1.0"
