"""The call session: one account after another, each outcome in a keystroke."""
