select source_root from dim_source where source_id = $source_id
