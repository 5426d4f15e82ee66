"""The relationship map as plain data: cards, routed links and labels for two renderers.

Owns: the layout types, the tidy layered layout and the caller's free arrangement, link routing, the
map a brief prints, coverage hints, and seeded sample org charts.
May import: ``store``, ``accounts``; never ``importing``.
"""
