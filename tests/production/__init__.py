"""The production path: several real processes (gunicorn, qcluster) on PostgreSQL, under load and faults."""
