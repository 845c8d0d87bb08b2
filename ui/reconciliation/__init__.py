"""The supervisor's reconciliation: the dashboard of figures and the discrepancies behind them."""
