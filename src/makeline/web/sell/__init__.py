"""The Sell screen: the Open, Done and Quotes tables and the sales order card."""
