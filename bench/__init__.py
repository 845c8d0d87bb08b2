"""Performance benchmarks at headquarters scale (``make bench`` = ``python -m bench``).

They build a database of 100,000 cases the way a headquarters accumulates them (many rounds
from many laptops, each row with its version), then time what users wait for: saving one
case at intake, opening the case table, a search, and the start-up to a usable main window.
Each figure is shown beside a bare baseline measured in the same run on the same machine
(raw ``sqlite3``/SQL for the same work, a bare Qt window), with the target it must meet.
These are measurements, not tests: they print a table and exit non-zero when a target fails.
"""
