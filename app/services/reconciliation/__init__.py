"""Reconciliation of rounds: what was declared, received, certified, examined, identified and
released — and where it does not add up.

The modules, each importing only those above it:

- ``facts``: what the reconciliation keeps about each live case and manifest line (as bits);
- ``fact_queue``: the triggers' queue and the catch-up that keep the facts right;
- ``round_figures``: the figures, the kinds of discrepancy, ``RoundFigures`` and ``total``;
- ``rules``: the rules of the discrepancy figures in SQL, and the live merge figures;
- ``counting``: a round's figures counted from its facts or from the records;
- ``cache``: ``figures()`` as everyone reads them, cached and refreshed per round;
- ``drilldown``: the records behind a figure;
- ``explanations``: every discrepancy with its explanation, and ``explain``;
- ``report``: what a reconciliation report prints (``app.reports`` renders and writes it).
"""
