"""The read models built from the events (organisation, roster, timeline, recruitment, history,
statistics, alerts), the queries the workspaces run on them, and the runner that catches them up
and rebuilds them."""
