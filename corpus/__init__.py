"""Synthetic but faithful PDF renditions of real 决算 reports.

The seed texts under ``/work/shared/seeds`` are text renderings of real reports; this package
typesets them back into PDFs (ReportLab, built-in ``STSong-Light`` CID font only) so the
ingestion code can be exercised on ruled tables, merged header cells, wrapped names and tables
that break across pages.  Output is byte-for-byte reproducible (ReportLab invariant mode).
"""
