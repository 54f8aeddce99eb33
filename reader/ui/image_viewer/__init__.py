"""The full-screen figure viewer: one picture as large as the terminal allows."""
