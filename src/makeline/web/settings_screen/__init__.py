"""The Settings screens: the shop, locations, resources and tax rates."""
