"""kg: build a knowledge graph of methods, datasets, tasks and metrics from paper abstracts."""

__version__ = "0.1.0"
