"""Access: users and sign-in, API tokens, passwords, location scope, the audit log."""
