"""The Buy screen: purchase orders, their card, receiving and the printable PDF."""
