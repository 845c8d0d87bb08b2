"""The supervisor's reconciliation: the dashboard of figures and the discrepancies behind them.

- ``figure_names``: each figure's label, column heading and description;
- ``figures_table``: the table of rounds, a column per figure;
- ``figure_list``: the records behind one figure;
- ``discrepancies``: list, explain and resolve the discrepancies of rounds;
- ``dashboard``: the dashboard (table, charts), which opens the two dialogs.
"""
