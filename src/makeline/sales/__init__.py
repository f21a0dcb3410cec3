"""Sales: sales orders and quotes, their rows, addresses and fulfilments (pack / deliver)."""
