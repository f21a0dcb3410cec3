"""The Contacts screens: customers and suppliers with their addresses."""
