"""The `raw` layer: every raw table declared once (`tables`), the warehouse connection (`warehouse`), its
upgrades (`migrations`), the one-transaction-per-document writer (`writer`) and raw Parquet (`parquet`)."""
