"""Forms of the Stock screen: validation only. The inventory services decide the rest."""

from decimal import Decimal
from typing import Any

from django import forms

from makeline.catalog.models import Location, Variant
from makeline.web.buy.forms import DateInput
from makeline.web.stock.selectors import find_stocked


class SafetyStockForm(forms.Form):
    variant = forms.IntegerField(widget=forms.HiddenInput)
    location = forms.IntegerField(widget=forms.HiddenInput)
    level = forms.DecimalField(label="Safety stock", max_digits=24, decimal_places=6)


class AdjustmentForm(forms.Form):
    location = forms.ModelChoiceField(queryset=Location.objects.filter(deleted_at__isnull=True))
    reason = forms.CharField(max_length=200, required=False, help_text="e.g. stocktake, loss")
    adjusted_on = forms.DateField(label="Date", required=False, widget=DateInput())
    additional_info = forms.CharField(
        label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AdjustmentRowForm(forms.Form):
    """One line: an item, a signed quantity (+ in, − out) and, for + lines, a cost."""

    item = forms.CharField(
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"list": "stocked-items", "autocomplete": "off"}),
    )
    quantity = forms.DecimalField(
        label="± Quantity", required=False, max_digits=24, decimal_places=6
    )
    cost_per_unit = forms.DecimalField(
        label="Cost per unit", required=False, max_digits=24, decimal_places=6
    )

    variant: Variant | None = None

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not data.get("item") and data.get("quantity") is None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.is_blank():
            return data
        matches = find_stocked(data.get("item") or "")
        if len(matches) == 1:
            self.variant = matches[0]
        else:
            self.add_error("item", "Pick one item from the list." if matches else "No such item.")
        quantity = data.get("quantity")
        if quantity is None:
            self.add_error("quantity", "Enter a quantity (+ to add, − to take out).")
        elif quantity == 0:
            self.add_error("quantity", "The quantity must not be zero.")
        return data


class BaseAdjustmentRows(forms.BaseFormSet):  # type: ignore[type-arg]
    def clean(self) -> None:
        super().clean()
        if not any(self.errors) and all(f.is_blank() for f in self.forms):
            raise forms.ValidationError("Add at least one row.")

    def lines(self) -> list[tuple[Variant, Decimal, Decimal | None]]:
        return [
            (f.variant, f.cleaned_data["quantity"], f.cleaned_data.get("cost_per_unit"))
            for f in self.forms
            if not f.is_blank() and f.variant is not None
        ]


AdjustmentRows = forms.formset_factory(AdjustmentRowForm, formset=BaseAdjustmentRows, extra=0)
