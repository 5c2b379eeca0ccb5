"""Reading many PDFs: the plan (find files, hash, skip unchanged), worker processes under time, memory and
page limits, the Dask executor, progress and the summary; each document written by ingestion/raw/writer.py."""
