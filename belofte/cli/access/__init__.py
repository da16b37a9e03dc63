"""Access: `belofte user ...`, `belofte token ...`, `belofte audit`."""
