"""User accounts: the account store, password rules, login and the system administrator's pages."""
