"""Forms of the Make screens: they check input shapes only; the services check the rules.

`show_error` puts a service's DomainError on the form field it names (Katana field names
such as "variant_id" are mapped to the form's), or at the top of the form.
"""

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from makeline.catalog.enums import ItemKind
from makeline.catalog.models import Location, Variant
from makeline.common.errors import DomainError
from makeline.production.enums import ManufacturingOrderStatus, OperationStatus

_FIELD_NAMES = {"variant_id": "variant", "location_id": "location", "status": None}


def _quantity(**options: Any) -> forms.DecimalField:
    """A quantity input as precise as the database (6 decimal places)."""
    return forms.DecimalField(max_digits=24, decimal_places=6, **options)


def show_error(form: forms.Form, error: DomainError, **aliases: str) -> None:
    """Attach the service's message to the field it names, or to the whole form."""
    name = aliases.get(error.field or "", _FIELD_NAMES.get(error.field or "", error.field))
    form.add_error(name if name in form.fields else None, error.message)


def deadline(day: date, *, keep: datetime | None = None) -> datetime:
    """A deadline date as a datetime; an unchanged day keeps the stored time of day."""
    if keep is not None and timezone.localtime(keep).date() == day:
        return keep
    return timezone.make_aware(datetime.combine(day, time.min))


def producible_variants() -> QuerySet[Variant]:
    return Variant.objects.filter(
        item__kind=ItemKind.PRODUCT,
        item__is_producible=True,
        archived_at__isnull=True,
        deleted_at__isnull=True,
        item__archived_at__isnull=True,
        item__deleted_at__isnull=True,
    ).select_related("item")


def ingredient_variants() -> QuerySet[Variant]:
    return (
        Variant.objects.exclude(item__kind=ItemKind.SERVICE)
        .filter(
            archived_at__isnull=True,
            deleted_at__isnull=True,
            item__archived_at__isnull=True,
            item__deleted_at__isnull=True,
        )
        .select_related("item")
        .order_by("item__name", "id")
    )


class NewManufacturingOrderForm(forms.Form):
    variant = forms.ModelChoiceField(queryset=producible_variants(), label="Product")
    planned_quantity = _quantity(label="Quantity")
    location = forms.ModelChoiceField(
        queryset=Location.objects.filter(deleted_at__isnull=True, manufacturing_allowed=True)
    )
    production_deadline_date = forms.DateField(
        label="Production deadline",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Empty: the shop's default number of days from today.",
    )
    additional_info = forms.CharField(
        label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    create_subassemblies = forms.BooleanField(
        label="Also create manufacturing orders for subassemblies", required=False
    )


class EditManufacturingOrderForm(forms.Form):
    production_deadline_date = forms.DateField(
        label="Production deadline", widget=forms.DateInput(attrs={"type": "date"})
    )
    planned_quantity = _quantity(label="Planned quantity")
    additional_info = forms.CharField(
        label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: object, quantity_locked: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if quantity_locked:
            # A make-to-order MO's quantity follows its sales order row.
            self.fields["planned_quantity"].disabled = True
            self.fields["planned_quantity"].required = False


class RecipeRowForm(forms.Form):
    planned_quantity_per_unit = _quantity(label="Planned per unit")
    total_actual_quantity = _quantity(label="Actual total", required=False)


class AddIngredientForm(forms.Form):
    variant = forms.ModelChoiceField(queryset=ingredient_variants(), label="Ingredient")
    planned_quantity_per_unit = _quantity(label="Per unit")
    notes = forms.CharField(required=False)


class MakeIngredientForm(forms.Form):
    quantity = _quantity()


class OperationForm(forms.Form):
    status = forms.ChoiceField(choices=OperationStatus.choices, required=False)
    actual_minutes = _quantity(label="Actual time (min)", required=False, min_value=Decimal(0))

    def actual_seconds(self) -> Decimal | None:
        minutes = self.cleaned_data.get("actual_minutes")
        return None if minutes is None else minutes * 60


class ProductionForm(forms.Form):
    quantity = _quantity(label="Quantity completed now")


class DoneForm(forms.Form):
    actual_quantity = _quantity(
        label="Actual quantity", required=False, help_text="Empty: the planned quantity."
    )


class StatusForm(forms.Form):
    """Putting an open MO on hold or in progress (Done and partial completions have forms)."""

    status = forms.ChoiceField(
        choices=[
            (s.value, s.label)
            for s in (
                ManufacturingOrderStatus.NOT_STARTED,
                ManufacturingOrderStatus.BLOCKED,
                ManufacturingOrderStatus.IN_PROGRESS,
            )
        ]
    )


class RerankForm(forms.Form):
    """A drag and drop: `id` goes just above `before_id`, or just below `after_id`."""

    id = forms.IntegerField()
    before_id = forms.IntegerField(required=False)
    after_id = forms.IntegerField(required=False)
