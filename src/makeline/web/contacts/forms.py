"""Forms of the Contacts screens: customers, suppliers and their addresses (input shapes only;
the services in `makeline.catalog.contacts` check the rules)."""

from typing import Any

from django import forms

from makeline.catalog.enums import AddressKind
from makeline.web.items.forms import Form, plain

ADDRESS_FIELDS = (
    "first_name",
    "last_name",
    "company",
    "phone",
    "line_1",
    "line_2",
    "city",
    "state",
    "zip",
    "country",
)


class CustomerForm(Form):
    FIELDS = (
        "name",
        "first_name",
        "last_name",
        "company",
        "email",
        "phone",
        "currency",
        "reference_id",
        "category",
        "discount_rate",
        "comment",
    )

    name = forms.CharField(max_length=200)
    first_name = forms.CharField(max_length=100, required=False)
    last_name = forms.CharField(max_length=100, required=False)
    company = forms.CharField(max_length=200, required=False)
    email = forms.EmailField(max_length=200, required=False)
    phone = forms.CharField(max_length=100, required=False)
    currency = forms.CharField(
        max_length=3, min_length=3, required=False, help_text="Blank: the shop's currency."
    )
    reference_id = forms.CharField(label="Reference", max_length=200, required=False)
    category = forms.CharField(max_length=100, required=False)
    discount_rate = forms.DecimalField(
        label="Discount (%)", required=False, min_value=0, max_value=100, decimal_places=4
    )
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)

    @classmethod
    def initial_of(cls, customer: Any) -> dict[str, Any]:
        values = {name: getattr(customer, name) for name in cls.FIELDS}
        values["discount_rate"] = plain(values["discount_rate"])
        return values

    def values(self) -> dict[str, Any]:
        values = {name: self.cleaned_data[name] for name in self.FIELDS}
        values["currency"] = values["currency"].upper()
        if not values["currency"]:
            del values["currency"]  # the service picks the shop's currency
        return values


class SupplierForm(Form):
    FIELDS = ("name", "email", "phone", "currency", "comment")

    name = forms.CharField(max_length=200)
    email = forms.EmailField(max_length=200, required=False)
    phone = forms.CharField(max_length=100, required=False)
    currency = forms.CharField(
        max_length=3, min_length=3, required=False, help_text="Blank: the shop's currency."
    )
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)

    @classmethod
    def initial_of(cls, supplier: Any) -> dict[str, Any]:
        return {name: getattr(supplier, name) for name in cls.FIELDS}

    def values(self) -> dict[str, Any]:
        values = {name: self.cleaned_data[name] for name in self.FIELDS}
        values["currency"] = values["currency"].upper()
        return values


class AddressForm(Form):
    """An address; every part is optional, a blank form adds no address."""

    first_name = forms.CharField(max_length=100, required=False)
    last_name = forms.CharField(max_length=100, required=False)
    company = forms.CharField(max_length=200, required=False)
    phone = forms.CharField(max_length=100, required=False)
    line_1 = forms.CharField(label="Address line 1", max_length=200, required=False)
    line_2 = forms.CharField(label="Address line 2", max_length=200, required=False)
    city = forms.CharField(max_length=100, required=False)
    state = forms.CharField(label="State / region", max_length=100, required=False)
    zip = forms.CharField(label="Postal code", max_length=20, required=False)
    country = forms.CharField(max_length=100, required=False)

    def address(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in ADDRESS_FIELDS}

    def is_blank(self) -> bool:
        return not any(self.address().values())


class CustomerAddressForm(AddressForm):
    entity_type = forms.ChoiceField(label="Kind", choices=AddressKind.choices)
    default = forms.BooleanField(label="Default address of its kind", required=False)
