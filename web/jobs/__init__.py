"""The worker: periodic jobs (web/jobs/registry.py), the lease and job runs (store.py), the
scheduler process (worker.py) and the system administrator's page of job runs (admin.py)."""
