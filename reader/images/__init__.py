"""Figures: where a page's pictures are on this machine, how they are decoded (bounded)
and drawn as terminal cells. Nothing here fetches anything or imports Textual."""
