"""Read models: what the pages, the command line and the API show, as plain data."""
