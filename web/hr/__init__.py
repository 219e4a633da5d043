"""The HR workspace (`/hr`): dashboards, roster, employee pages and action forms."""
