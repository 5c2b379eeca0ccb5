"""What a warehouse is turned into for people and other tools: report, Excel, Parquet, Fiscal Data Package, published copy."""
