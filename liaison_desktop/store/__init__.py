"""The vault: key file, SQLCipher database, schema and migrations, lock file."""
