"""Every highlight and note across the library, on a screen of its own."""
