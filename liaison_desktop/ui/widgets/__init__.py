"""Small reusable widgets shared by the views."""
