"""One module per CLI command; cli.py only gathers them."""
