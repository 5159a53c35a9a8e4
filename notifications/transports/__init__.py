"""Transports: SMTP and the embedded folder of .eml files."""
