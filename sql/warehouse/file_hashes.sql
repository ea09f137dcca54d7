select source_path, file_sha256 from etl_file where source_id = $source_id
