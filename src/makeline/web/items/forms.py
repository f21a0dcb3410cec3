"""Forms of the Items screens: they check what was typed; the catalog services check the rules.

`show_error` puts a service's DomainError next to the field it names (Katana field names
such as "ingredient_variant_id" are mapped to ours), or at the top of the form. The
Contacts and Settings screens use it too.
"""

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q

from makeline.catalog.enums import ItemKind, OperationType
from makeline.catalog.models import Resource, Supplier, Variant
from makeline.catalog.services import VariantSpec
from makeline.common.errors import DomainError

SKU_SEPARATOR = " · "  # the ingredient search offers "SKU · name"

_FIELD_NAMES = {
    "ingredient_variant_id": "ingredient",
    "planned_time_per_unit": "minutes",
    "product_variant_id": None,
    "type": "type",
}


def _decimal(**options: Any) -> forms.DecimalField:
    """A quantity or money input with the database's precision (24 digits, 6 places)."""
    return forms.DecimalField(max_digits=24, decimal_places=6, **options)


def show_error(form: forms.Form, error: DomainError, **aliases: str | None) -> None:
    """Attach the service's refusal to the field it names, else to the top of the form."""
    key = error.field or ""
    name = aliases[key] if key in aliases else _FIELD_NAMES.get(key, key)
    form.add_error(name if name in form.fields else None, error.message)


def plain(value: Decimal | None) -> Decimal | None:
    """A stored decimal as typed: 40.000000 → 40, 2.500000 → 2.5 (never 4E+1)."""
    if value is None:
        return None
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal.as_tuple().exponent > 0 else normal  # type: ignore[operator]


class Form(forms.Form):
    """A form whose labels carry no trailing colon (they sit above or beside the input)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def _flag(label: str) -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False)


def _changes(form: forms.Form, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in names}


# --- items and variants ---------------------------------------------------------------


class ItemForm(Form):
    ITEM_FIELDS = (
        "name",
        "uom",
        "category_name",
        "is_sellable",
        "is_producible",
        "is_purchasable",
        "default_supplier",
        "purchase_uom",
        "purchase_uom_conversion_rate",
        "additional_info",
    )

    name = forms.CharField(max_length=200)
    uom = forms.CharField(label="Unit of measure", max_length=20, initial="pcs")
    category_name = forms.CharField(label="Category", max_length=100, required=False)
    is_sellable = _flag("Sellable")
    is_producible = _flag("Producible (made here)")
    is_purchasable = _flag("Purchasable")
    default_supplier = forms.ModelChoiceField(
        queryset=Supplier.objects.filter(deleted_at__isnull=True), required=False
    )
    purchase_uom = forms.CharField(label="Purchase unit", max_length=20, required=False)
    purchase_uom_conversion_rate = _decimal(label="Stock units per purchase unit", required=False)
    additional_info = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)

    @classmethod
    def initial_of(cls, item: Any) -> dict[str, Any]:
        values = {name: getattr(item, name) for name in cls.ITEM_FIELDS}
        values["purchase_uom_conversion_rate"] = plain(values["purchase_uom_conversion_rate"])
        return values

    def item_changes(self) -> dict[str, Any]:
        return _changes(self, self.ITEM_FIELDS)


class VariantForm(Form):
    VARIANT_FIELDS = ("sku", "sales_price", "purchase_price", "lead_time", "minimum_order_quantity")

    sku = forms.CharField(label="SKU", max_length=100, required=False)
    sales_price = _decimal(required=False, min_value=0)
    purchase_price = _decimal(required=False, min_value=0)
    lead_time = forms.IntegerField(label="Lead time (days)", required=False, min_value=0)
    minimum_order_quantity = _decimal(required=False)

    @classmethod
    def initial_of(cls, variant: Variant) -> dict[str, Any]:
        values = {name: getattr(variant, name) for name in cls.VARIANT_FIELDS}
        for name in ("sales_price", "purchase_price", "minimum_order_quantity"):
            if values[name] is not None:
                values[name] = plain(values[name])
        return values

    def variant_changes(self) -> dict[str, Any]:
        changes = _changes(self, self.VARIANT_FIELDS)
        changes["sku"] = changes["sku"].strip() or None
        changes["purchase_price"] = changes["purchase_price"] or Decimal(0)
        return changes

    def spec(self) -> VariantSpec:
        return VariantSpec(**self.variant_changes())


class NewItemForm(ItemForm, VariantForm):
    """A new item and its first variant."""

    @staticmethod
    def defaults(kind: str) -> dict[str, Any]:
        """Katana's role flags per kind (the service applies the same when left unset)."""
        return {
            "uom": "pcs",
            "is_sellable": kind != ItemKind.MATERIAL,
            "is_producible": kind == ItemKind.PRODUCT,
            "is_purchasable": kind != ItemKind.SERVICE,
        }


# --- BOM and routing --------------------------------------------------------------------


def in_table_row(form: forms.Form, *, form_id: str, row_name: str) -> forms.Form:
    """Let the form's inputs sit in the cells of a table row: each input points at the
    <form id=form_id> by its `form` attribute and is labelled with the row's name."""
    for name, field in form.fields.items():
        label = field.label or name.replace("_", " ").capitalize()
        field.widget.attrs.update({"form": form_id, "aria-label": f"{label} · {row_name}"})
    return form


class IngredientField(forms.CharField):
    """An ingredient typed by SKU, picked from the search as "SKU · name", or by exact name."""

    def to_python(self, value: Any) -> Variant | None:  # type: ignore[override]
        text = str(super().to_python(value) or "").strip()
        if not text:
            return None
        sku = text.split(SKU_SEPARATOR, 1)[0].strip()
        live = Variant.objects.select_related("item").filter(deleted_at__isnull=True)
        found = list(live.filter(sku__iexact=sku)[:2])
        if len(found) != 1:
            found = list(live.filter(Q(item__name__iexact=text), item__deleted_at=None)[:2])
        if len(found) != 1:
            raise forms.ValidationError(
                "No single item has this SKU or name; pick one from the search.", code="unknown"
            )
        return found[0]


class BomRowForm(Form):
    ingredient = IngredientField(help_text="Search by name or SKU, or type a SKU.")
    quantity = _decimal(label="Quantity per unit")
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 1}), required=False)


class BomRowEditForm(Form):
    quantity = _decimal(label="Quantity per unit")
    notes = forms.CharField(required=False)


class MoveForm(Form):
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])


class RoutingRowForm(Form):
    """An operation; time is typed in minutes per unit and stored in seconds."""

    operation_name = forms.CharField(label="Operation", max_length=200)
    resource = forms.ModelChoiceField(queryset=Resource.objects.order_by("name"))
    type = forms.ChoiceField(
        # Short labels keep the table narrow; the help text explains them.
        choices=[(value, label.split(" (")[0]) for value, label in OperationType.choices],
        help_text="Process: minutes per unit × hourly rate; setup: fixed minutes × hourly rate; "
        "per unit: cost per unit; fixed: a flat cost.",
    )
    minutes = forms.DecimalField(
        label="Planned time per unit (minutes)", max_digits=20, decimal_places=4, initial=0
    )
    cost_parameter = _decimal(
        label="Cost parameter",
        required=False,
        help_text="Blank: the resource's cost per hour.",
    )

    @staticmethod
    def initial_of(row: Any) -> dict[str, Any]:
        return {
            "operation_name": row.operation_name,
            "resource": row.resource_id,
            "type": row.type,
            "minutes": plain(row.planned_time_per_unit / 60),
            "cost_parameter": plain(row.cost_parameter),
        }

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "operation_name": data["operation_name"],
            "resource": data["resource"],
            "type": data["type"],
            "planned_time_per_unit": data["minutes"] * 60,
            "cost_parameter": data["cost_parameter"],
        }
