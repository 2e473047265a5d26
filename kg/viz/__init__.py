"""Pictures of the analysis: static figures for papers (``kg.viz.figures``, matplotlib) and a
self-contained interactive network page (``kg.viz.page``, vis-network bundled as package data)."""

__all__ = ["figures", "page"]
