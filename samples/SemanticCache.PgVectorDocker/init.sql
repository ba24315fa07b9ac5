-- Run once by the PostgreSQL entrypoint when the data volume is first initialised
-- (mounted at /docker-entrypoint-initdb.d/01-init.sql), and by `--engine native` after initdb.
-- It runs in the database named by POSTGRES_DB.
CREATE EXTENSION IF NOT EXISTS vector;
