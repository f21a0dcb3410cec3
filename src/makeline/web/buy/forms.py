"""Forms of the Buy screen: validation only. The services decide what is allowed."""

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone

from makeline.catalog.models import Location, Supplier, TaxRate, Variant
from makeline.purchasing.enums import PurchaseOrderStatus
from makeline.purchasing.models import PurchaseOrder, PurchaseOrderRow
from makeline.purchasing.orders import EDITABLE_STATUSES, PARTNER_STATUSES
from makeline.web.buy.selectors import find_variant

P = PurchaseOrderStatus


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def as_datetime(day: date | None) -> datetime | None:
    """A picked day as the start of that day in the shop's time zone (Katana keeps datetimes)."""
    return timezone.make_aware(datetime.combine(day, time.min)) if day else None


def as_day(value: datetime | None) -> date | None:
    return timezone.localdate(value) if value else None


class OrderForm(forms.Form):
    """The card's header."""

    supplier = forms.ModelChoiceField(queryset=Supplier.objects.filter(deleted_at__isnull=True))
    location = forms.ModelChoiceField(
        label="Ship to",
        queryset=Location.objects.filter(deleted_at__isnull=True, purchase_allowed=True),
    )
    order_no = forms.CharField(label="Order #", max_length=100, required=False)
    expected_arrival_date = forms.DateField(
        label="Expected arrival", required=False, widget=DateInput()
    )
    currency = forms.CharField(max_length=3, required=False, help_text="e.g. EUR")
    additional_info = forms.CharField(
        label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, order: PurchaseOrder | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if order is None:
            del self.fields["order_no"]
            return
        # Katana's per-status rules (§2.5): the fields that cannot change are shown, locked.
        for name in ("supplier", "location", "currency"):
            self.fields[name].disabled = order.status not in PARTNER_STATUSES
        for name in ("order_no", "expected_arrival_date"):
            self.fields[name].disabled = order.status not in EDITABLE_STATUSES

    @staticmethod
    def initial_for(order: PurchaseOrder) -> dict[str, Any]:
        return {
            "supplier": order.supplier_id,
            "location": order.location_id,
            "order_no": order.order_no,
            "expected_arrival_date": as_day(order.expected_arrival_date),
            "currency": order.currency,
            "additional_info": order.additional_info,
        }


class RowForm(forms.Form):
    """One row to buy. A row left completely blank is ignored (see `is_blank`)."""

    row_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    item = forms.CharField(
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"list": "purchasable-items", "autocomplete": "off"}),
        help_text="name or SKU",
    )
    quantity = forms.DecimalField(required=False, max_digits=24, decimal_places=5)
    price_per_unit = forms.DecimalField(
        label="Price per unit", required=False, max_digits=24, decimal_places=6
    )
    tax_rate = forms.ModelChoiceField(
        queryset=TaxRate.objects.all(), required=False, label="Tax", empty_label="No tax"
    )
    arrival_date = forms.DateField(label="Arrival", required=False, widget=DateInput())

    variant: Variant | None = None

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not data.get("row_id") and not data.get("item") and data.get("quantity") is None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.is_blank() or data.get("DELETE"):
            return data
        matches = find_variant(data.get("item") or "")
        if not data.get("item"):
            self.add_error("item", "Pick an item.")
        elif not matches:
            self.add_error("item", "No purchasable item has this name or SKU.")
        elif len(matches) > 1:
            self.add_error("item", "Several items match; pick one from the list.")
        else:
            self.variant = matches[0]
        if data.get("quantity") is None:
            self.add_error("quantity", "Enter a quantity.")
        return data

    @staticmethod
    def initial_for(row: PurchaseOrderRow) -> dict[str, Any]:
        return {
            "row_id": row.pk,
            "item": str(row.variant),
            "quantity": row.quantity.normalize(),
            "price_per_unit": row.price_per_unit.normalize(),
            "tax_rate": row.tax_rate_id,
            "arrival_date": as_day(row.arrival_date),
        }


class BaseRowFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    require_rows = False
    """A new order needs a row; on a saved one the service refuses removing the last."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors) or not self.require_rows:
            return
        kept = [f for f in self.forms if not f.is_blank() and not f.cleaned_data.get("DELETE")]
        if not kept:
            raise forms.ValidationError("Add at least one row.")


class NewOrderRowFormSet(BaseRowFormSet):
    require_rows = True


RowFormSet = forms.formset_factory(RowForm, formset=BaseRowFormSet, extra=0, can_delete=True)
NewRowFormSet = forms.formset_factory(RowForm, formset=NewOrderRowFormSet, extra=0, can_delete=True)


class ReceiveForm(forms.Form):
    """Receive some: a quantity (purchase UoM) per still-to-come row; blank or 0 skips it."""

    received_date = forms.DateField(label="Received on", required=False, widget=DateInput())

    def __init__(self, *args: Any, rows: list[PurchaseOrderRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[f"row_{row.pk}"] = forms.DecimalField(
                label=f"Receive {row.variant}",
                required=False,
                min_value=Decimal(0),
                max_digits=24,
                decimal_places=5,
            )

    def receipts(self) -> list[tuple[PurchaseOrderRow, Decimal]]:
        wanted = [(r, self.cleaned_data.get(f"row_{r.pk}")) for r in self.rows]
        return [(row, quantity) for row, quantity in wanted if quantity]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not self.receipts():
            raise forms.ValidationError("Enter a quantity to receive for at least one row.")
        return data
