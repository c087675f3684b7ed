"""Backups of the live database: one verified copy (verified_copy), and a folder of dated
copies of which the newest few are kept (rotation)."""
