"""The lead's concern queue, and the lead's steps on a concern (shared with the family page)."""
