"""The Stock screen: inventory list, figures behind them, adjustments and the item page."""
