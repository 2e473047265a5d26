"""What ``unkg blocs`` and ``unkg draw`` do: run an analysis of ``kg.analysis``, write its tables and networks
as files (``files``) and draw it with ``kg.viz`` (``commands``). It sits above both, so that the analysis
stays numbers in, numbers out."""
