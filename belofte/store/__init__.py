"""The operational store: SQLAlchemy tables, sessions, migrations, repositories."""
