-- A warehouse from before sources (schema 004) holds one source's files.
select source_path, file_sha256 from etl_file
