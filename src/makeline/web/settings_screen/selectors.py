"""Read models of the Settings screens: the lists shown on the settings page."""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404

from makeline.catalog.models import Location, Resource, TaxRate


@dataclass(frozen=True, slots=True)
class SettingsLists:
    locations: list[Location]
    resources: list[Resource]
    tax_rates: list[TaxRate]


def settings_lists() -> SettingsLists:
    return SettingsLists(
        locations=list(Location.objects.filter(deleted_at__isnull=True).order_by("id")),
        resources=list(Resource.objects.order_by("name")),
        tax_rates=list(TaxRate.objects.order_by("id")),
    )


def location(location_id: int) -> Location:
    return get_object_or_404(Location, pk=location_id, deleted_at__isnull=True)


def resource(resource_id: int) -> Resource:
    return get_object_or_404(Resource, pk=resource_id)
