"""Forms of the Sell screen: validation of what was typed only. Business rules are the
services'; `show_error` puts a service's DomainError next to the field it names."""

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q
from django.urls import reverse

from makeline.catalog.models import Customer, Location, TaxRate, Variant
from makeline.common.errors import DomainError
from makeline.sales.enums import FulfillmentStatus, SalesOrderStatus
from makeline.sales.models import SalesOrderRow

SKU_SEPARATOR = " · "  # str(Variant) is "SKU · name"; the item search offers that text

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

# Katana's API field names (DomainError.field) → our form fields.
FIELD_NAMES = {
    "variant_id": "variant",
    "customer_id": "customer",
    "location_id": "location",
    "delivery_date": "delivery_date",
    "sales_order_row_id": None,
    "rows": None,
    "status": None,
    "row": None,
}


def show_error(form: forms.Form, error: DomainError) -> None:
    """Attach a service's refusal to the field it names, else to the top of the form."""
    field = FIELD_NAMES.get(error.field or "", error.field)
    form.add_error(field if field in form.fields else None, error.message)


class VariantField(forms.CharField):
    """An item typed by SKU (or picked from the search as "SKU · name", or by exact name)."""

    def to_python(self, value: Any) -> Variant | None:  # type: ignore[override]
        text = str(super().to_python(value) or "").strip()
        if not text:
            return None
        sku = text.split(SKU_SEPARATOR, 1)[0].strip()
        usable = Variant.objects.select_related("item").filter(deleted_at__isnull=True)
        found = list(usable.filter(sku__iexact=sku)[:2])
        if len(found) != 1:
            found = list(usable.filter(Q(item__name__iexact=text), item__deleted_at=None)[:2])
        if len(found) != 1:
            raise forms.ValidationError(
                f"No item matches “{text}”; type its SKU or pick it from the list"
            )
        return found[0]

    def prepare_value(self, value: Any) -> Any:
        return str(value) if isinstance(value, Variant) else value


def plain(value: Decimal) -> str:
    """A stored decimal as typed: 160.000000 → "160" (never "1.6E+2")."""
    return format(value.normalize(), "f")


def _money(label: str, *, required: bool = False) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=required, min_value=Decimal(0), decimal_places=6, max_digits=24
    )


class RowForm(forms.Form):
    """One sales order row: item, quantity, price per unit (blank = the item's sales price),
    discount (an amount off the row total) and tax rate."""

    variant = VariantField(label="Item", widget=forms.TextInput(attrs={"list": "sellable-items"}))
    quantity = forms.DecimalField(
        label="Quantity", min_value=Decimal(0), decimal_places=6, max_digits=24
    )
    price_per_unit = _money("Price per unit")
    total_discount = _money("Discount")
    tax_rate = forms.ModelChoiceField(
        label="Tax", queryset=TaxRate.objects.order_by("name"), required=False
    )

    def __init__(self, *args: Any, html_form: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The item input asks the search for matching items as the user types (htmx).
        self.fields["variant"].widget.attrs.update(
            {
                "hx-get": reverse("web:sell:items"),
                "hx-trigger": "input changed delay:250ms",
                "hx-target": "#sellable-items",
                "hx-swap": "innerHTML",
                "autocomplete": "off",
            }
        )
        if html_form:  # inputs inside a table row belong to a <form> outside the table
            for field in self.fields.values():
                field.widget.attrs["form"] = html_form

    def clean_quantity(self) -> Decimal:
        quantity: Decimal = self.cleaned_data["quantity"]
        if quantity <= 0:
            raise forms.ValidationError("Quantity must be above zero")
        return quantity

    @classmethod
    def for_row(cls, row: SalesOrderRow, *args: Any, **kwargs: Any) -> "RowForm":
        initial = {
            "variant": row.variant,
            "quantity": plain(row.quantity),
            "price_per_unit": plain(row.price_per_unit),
            "total_discount": plain(row.total_discount),
            "tax_rate": row.tax_rate_id,
        }
        return cls(
            *args, initial=initial, prefix=f"row-{row.pk}", html_form=f"row-form-{row.pk}", **kwargs
        )

    def changes(self) -> dict[str, Any]:
        """The row fields for `update_sales_order_row` (a blank price keeps it unchanged)."""
        data = dict(self.cleaned_data)
        if data.get("price_per_unit") is None:
            data.pop("price_per_unit", None)
        data["total_discount"] = data.get("total_discount") or Decimal(0)
        return data


class NewRowForm(RowForm):
    """A row of a new order; wholly blank rows of the form are skipped."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.empty_permitted = True
        self.use_required_attribute = False


NewRowFormSet = forms.formset_factory(NewRowForm, extra=3, min_num=0)


def _customers() -> Any:
    return Customer.objects.filter(deleted_at__isnull=True).order_by("name")


def _locations() -> Any:
    return Location.objects.filter(deleted_at__isnull=True, sales_allowed=True).order_by("name")


class OrderForm(forms.Form):
    """The sales order header."""

    customer = forms.ModelChoiceField(label="Customer", queryset=_customers())
    location = forms.ModelChoiceField(label="Ship from", queryset=_locations())
    delivery_date = forms.DateTimeField(label="Delivery deadline", required=False, widget=_DATETIME)
    customer_ref = forms.CharField(label="Customer reference", required=False, max_length=200)
    additional_info = forms.CharField(
        label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Querysets are evaluated per form, so customers added since start-up show up.
        self.fields["customer"].queryset = _customers()  # type: ignore[attr-defined]
        self.fields["location"].queryset = _locations()  # type: ignore[attr-defined]


_HEADER_ORDER = ["order_no", "customer", "location", "delivery_date", "customer_ref"]


class NewOrderForm(OrderForm):
    field_order = _HEADER_ORDER

    order_no = forms.CharField(
        label="Order #", required=False, max_length=100, help_text="Blank: the next SO-n number."
    )
    status = forms.ChoiceField(
        label="Create as",
        choices=[
            (SalesOrderStatus.NOT_SHIPPED, "Sales order"),
            (SalesOrderStatus.PENDING, "Quote"),
        ],
        initial=SalesOrderStatus.NOT_SHIPPED,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Most shops sell from one place: start from the primary location.
        primary = _locations().filter(is_primary=True).first()
        if primary is not None:
            self.fields["location"].initial = primary.pk


class EditOrderForm(OrderForm):
    field_order = _HEADER_ORDER

    order_no = forms.CharField(label="Order #", max_length=100)

    def changes(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if data.get("delivery_date") is None:
            data.pop("delivery_date", None)  # keep the deadline rather than clear it
        return data


class FulfilForm(forms.Form):
    """Pack or deliver some: a quantity per open row (blank or 0 = not this time)."""

    status = forms.ChoiceField(
        label="Action",
        choices=[(FulfillmentStatus.PACKED, "Pack"), (FulfillmentStatus.DELIVERED, "Deliver")],
    )

    def __init__(
        self, *args: Any, rows: list[tuple[SalesOrderRow, Decimal]], **kwargs: Any
    ) -> None:
        """`rows`: each open row with its open quantity."""
        kwargs.setdefault("prefix", "fulfil")
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row, open_quantity in rows:
            self.fields[f"qty_{row.pk}"] = forms.DecimalField(
                label=f"Quantity of {row.variant.display_name}",
                required=False,
                min_value=Decimal(0),
                max_value=open_quantity,
                decimal_places=6,
                max_digits=24,
            )

    def row_fields(self) -> list[tuple[SalesOrderRow, Decimal, forms.BoundField]]:
        return [(row, left, self[f"qty_{row.pk}"]) for row, left in self.rows]

    def lines(self) -> list[tuple[SalesOrderRow, Decimal]]:
        return [
            (row, quantity)
            for row, _ in self.rows
            if (quantity := self.cleaned_data.get(f"qty_{row.pk}")) is not None and quantity > 0
        ]

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if not self.errors and not self.lines():
            raise forms.ValidationError("Enter a quantity for at least one row")
        return cleaned
