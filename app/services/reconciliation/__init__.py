"""Reconciliation of rounds: the figures, the explanations behind each discrepancy, and the per-case facts they are counted from."""
