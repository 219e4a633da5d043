"""The WSGI entry point for production servers: `gunicorn web.wsgi:app` (see docs/DEPLOY.md).

Every setting comes from the environment (REKAM_*, POSTGRES_*). Each gunicorn worker imports
this module after the fork and opens its own connections; do not use `--preload`, which would
share one set of connections (and the catch-up lock) between processes.
"""

from web import create_app

app = create_app()
