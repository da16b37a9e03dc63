"""Access: sign in and sign out."""
