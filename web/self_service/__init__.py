"""The employee's own desk (/saya) and the activation of employee accounts (/aktivasi)."""
