"""The team in the app (issues 16 and 17): joining and leaving from File → チーム, background sync, and
the status bar's word on it. The engine is ``models.team``; psycopg is loaded only when a sync or a
connection test runs, never at start-up."""
