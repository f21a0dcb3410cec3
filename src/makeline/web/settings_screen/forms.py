"""Forms of the Settings screens (input shapes only; the catalog services check the rules)."""

from typing import Any

from django import forms

from makeline.web.items.forms import Form


def _decimal(**options: Any) -> forms.DecimalField:
    """A quantity or money input with the database's precision (24 digits, 6 places)."""
    return forms.DecimalField(max_digits=24, decimal_places=6, **options)


class ShopForm(Form):
    FIELDS = (
        "name",
        "legal_name",
        "address",
        "currency",
        "default_so_delivery_days",
        "default_po_lead_days",
        "default_mo_deadline_days",
    )

    name = forms.CharField(label="Shop name", max_length=200)
    legal_name = forms.CharField(max_length=200, required=False)
    address = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    currency = forms.CharField(max_length=3, min_length=3, help_text="ISO code, e.g. EUR.")
    default_so_delivery_days = forms.IntegerField(
        label="Default delivery time (days)", min_value=0, max_value=3650
    )
    default_po_lead_days = forms.IntegerField(
        label="Default purchase lead time (days)", min_value=0, max_value=3650
    )
    default_mo_deadline_days = forms.IntegerField(
        label="Default production deadline (days)", min_value=0, max_value=3650
    )

    @classmethod
    def initial_of(cls, shop: Any) -> dict[str, Any]:
        return {name: getattr(shop, name) for name in cls.FIELDS}

    def changes(self) -> dict[str, Any]:
        changes = {name: self.cleaned_data[name] for name in self.FIELDS}
        changes["currency"] = changes["currency"].upper()
        return changes


class LocationForm(Form):
    FIELDS = (
        "name",
        "legal_name",
        "address",
        "sales_allowed",
        "manufacturing_allowed",
        "purchase_allowed",
    )

    name = forms.CharField(max_length=200)
    legal_name = forms.CharField(max_length=200, required=False)
    address = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    sales_allowed = forms.BooleanField(label="Sell from here", required=False, initial=True)
    manufacturing_allowed = forms.BooleanField(label="Make here", required=False, initial=True)
    purchase_allowed = forms.BooleanField(label="Buy into here", required=False, initial=True)

    @classmethod
    def initial_of(cls, location: Any) -> dict[str, Any]:
        return {name: getattr(location, name) for name in cls.FIELDS}

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.FIELDS}


class ResourceForm(Form):
    name = forms.CharField(max_length=200)
    cost_per_hour = _decimal(initial=0)


class TaxRateForm(Form):
    name = forms.CharField(max_length=100)
    rate = forms.DecimalField(label="Rate (%)", max_digits=7, decimal_places=4)
    is_default_sales = forms.BooleanField(label="Default for sales", required=False)
