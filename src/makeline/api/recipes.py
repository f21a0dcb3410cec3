"""/bom_rows (a product variant's ingredients) and /product_operation_rows (its routing),
with /bom_rows/batch/create and /product_operation_rerank."""

from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Status

from makeline.api.common import (
    changes_of,
    get_or_404,
    located,
    new_router,
    no_content,
    number,
    referenced,
    text,
)
from makeline.api.paging import ListParams, matching, paginate
from makeline.api.routing import operation_row_changes, operation_row_out, routing_rows
from makeline.api.schemas.recipes import (
    BatchCreateBomRowsRequest,
    BomRow,
    BomRowListResponse,
    CreateBomRowRequest,
    CreateProductOperationRowItem,
    CreateProductOperationRowsRequest,
    ProductOperationRerank,
    ProductOperationRerankRequest,
    ProductOperationRow,
    ProductOperationRowListResponse,
    UpdateBomRowRequest,
    UpdateProductOperationRowRequest,
)
from makeline.catalog import services
from makeline.catalog.enums import OperationType
from makeline.catalog.models import BomRow as BomRowModel
from makeline.catalog.models import RoutingRow, Variant
from makeline.common.errors import DomainError, InvalidQuantity
from makeline.common.unit_of_work import unit_of_work

router = new_router("BOM row")
operations_router = new_router("Product operation")


class BomRowFilters(ListParams):
    id: UUID | None = None
    product_item_id: int | None = None
    product_variant_id: int | None = None
    ingredient_variant_id: int | None = None


class OperationRowFilters(ListParams):
    product_id: int | None = None
    product_variant_id: int | None = None
    operation_name: str | None = None
    resource_name: str | None = None
    resource_id: int | None = None
    product_operation_row_id: int | None = None


# --- BOM rows -----------------------------------------------------------------------------


@router.get("/bom_rows", response=BomRowListResponse, operation_id="getAllBomRows")
def list_bom_rows(
    request: HttpRequest, response: HttpResponse, filters: Query[BomRowFilters]
) -> dict[str, Any]:
    lookups = {
        "id": "pk",
        "product_item_id": "product_variant__item_id",
        "product_variant_id": "product_variant_id",
        "ingredient_variant_id": "ingredient_variant_id",
    }
    queryset = matching(_bom_rows(), filters, lookups)
    return {"data": [bom_row_out(row) for row in paginate(queryset, filters, response)]}


@router.post("/bom_rows", response=BomRow, operation_id="createBomRow")
def create_bom_row(request: HttpRequest, payload: CreateBomRowRequest) -> dict[str, Any]:
    return bom_row_out(_add_bom_row(payload))


@router.post("/bom_rows/batch/create", response={204: None}, operation_id="batchCreateBomRows")
def batch_create_bom_rows(request: HttpRequest, payload: BatchCreateBomRowsRequest) -> Status[None]:
    with unit_of_work():  # all rows or none
        for n, row in enumerate(payload.data):
            with located(f"data[{n}]"):
                _add_bom_row(row)
    return no_content()


@router.patch("/bom_rows/{uuid:id}", response=BomRow, operation_id="updateBomRow")
def update_bom_row(request: HttpRequest, id: UUID, payload: UpdateBomRowRequest) -> dict[str, Any]:
    row = get_or_404(_bom_rows(), id)
    changes = changes_of(payload)
    if "ingredient_variant_id" in changes:
        changes["ingredient_variant"] = _variant(
            changes.pop("ingredient_variant_id"), "ingredient_variant_id"
        )
    if "quantity" in changes and changes["quantity"] is None:
        raise InvalidQuantity("ingredient quantity must be positive", field="quantity")
    if "notes" in changes:
        changes["notes"] = changes["notes"] or ""
    return bom_row_out(services.update_bom_row(row=row, changes=changes))


@router.delete("/bom_rows/{uuid:id}", response={204: None}, operation_id="deleteBomRow")
def delete_bom_row(request: HttpRequest, id: UUID) -> Status[None]:
    services.delete_bom_row(row=get_or_404(_bom_rows(), id))
    return no_content()


def bom_row_out(row: BomRowModel) -> dict[str, Any]:
    return {
        "id": str(row.pk),
        "product_variant_id": row.product_variant_id,
        "product_item_id": row.product_variant.item_id,
        "ingredient_variant_id": row.ingredient_variant_id,
        "quantity": number(row.quantity),
        "notes": text(row.notes),
        "rank": row.rank,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


def _bom_rows() -> QuerySet[BomRowModel]:
    return BomRowModel.objects.select_related("product_variant")


def _add_bom_row(body: CreateBomRowRequest) -> BomRowModel:
    product = _variant(body.product_variant_id, "product_variant_id")
    if product.item_id != body.product_item_id:
        raise DomainError("the variant does not belong to this product", field="product_item_id")
    if body.quantity is None:
        raise InvalidQuantity("ingredient quantity must be positive", field="quantity")
    return services.add_bom_row(
        product_variant=product,
        ingredient_variant=_variant(body.ingredient_variant_id, "ingredient_variant_id"),
        quantity=body.quantity,
        notes=body.notes or "",
    )


def _variant(pk: int, field: str) -> Variant:
    live = Variant.objects.select_related("item").filter(deleted_at__isnull=True)
    return referenced(live, pk, field=field)


# --- product operation rows ---------------------------------------------------------------


@operations_router.get(
    "/product_operation_rows",
    response=ProductOperationRowListResponse,
    operation_id="getAllProductOperationRows",
)
def list_operation_rows(
    request: HttpRequest, response: HttpResponse, filters: Query[OperationRowFilters]
) -> dict[str, Any]:
    lookups = {
        "product_id": "product_variant__item_id",
        "product_variant_id": "product_variant_id",
        "operation_name": "operation_name",
        "resource_name": "resource__name",
        "resource_id": "resource_id",
        "product_operation_row_id": "pk",
    }
    queryset = matching(routing_rows(), filters, lookups)
    return {"data": [operation_row_out(r) for r in paginate(queryset, filters, response)]}


@operations_router.post(
    "/product_operation_rows", response={204: None}, operation_id="createProductOperationRows"
)
def create_operation_rows(
    request: HttpRequest, payload: CreateProductOperationRowsRequest
) -> Status[None]:
    with unit_of_work():  # all rows or none
        variants = []
        for n, row in enumerate(payload.rows):
            with located(f"rows[{n}]"):
                variants.append(_variant(row.product_variant_id, "product_variant_id"))
        if not payload.keep_current_rows:
            for old in RoutingRow.objects.filter(product_variant__in=variants):
                services.delete_routing_row(row=old)
        for n, (body, variant) in enumerate(zip(payload.rows, variants, strict=True)):
            with located(f"rows[{n}]"):
                _add_operation_row(body, variant)
    return no_content()


def _add_operation_row(body: CreateProductOperationRowItem, variant: Variant) -> RoutingRow:
    fields = operation_row_changes(
        body.model_dump(exclude_unset=True, exclude={"product_variant_id"})
    )
    if "resource" not in fields:
        raise DomainError("give resource_id or resource_name", field="resource_id")
    fields.setdefault("type", OperationType.PROCESS)
    fields.setdefault("operation_name", "")
    return services.add_routing_row(product_variant=variant, **fields)


@operations_router.patch(
    "/product_operation_rows/{int:id}",
    response=ProductOperationRow,
    operation_id="updateProductOperationRow",
)
def update_operation_row(
    request: HttpRequest, id: int, payload: UpdateProductOperationRowRequest
) -> dict[str, Any]:
    row = get_or_404(routing_rows(), id)
    with unit_of_work():
        changes = operation_row_changes(changes_of(payload))
        row = services.update_routing_row(row=row, changes=changes)
    return operation_row_out(get_or_404(routing_rows(), row.pk))


@operations_router.delete(
    "/product_operation_rows/{int:id}",
    response={204: None},
    operation_id="deleteProductOperationRow",
)
def delete_operation_row(request: HttpRequest, id: int) -> Status[None]:
    services.delete_routing_row(row=get_or_404(routing_rows(), id))
    return no_content()


@operations_router.post(
    "/product_operation_rerank",
    response=ProductOperationRerank,
    operation_id="rerankProductOperations",
)
def rerank_operations(
    request: HttpRequest, payload: ProductOperationRerankRequest
) -> dict[str, Any]:
    row = referenced(
        routing_rows(), payload.rank_product_operation_id, field="rank_product_operation_id"
    )
    after = None
    if payload.preceding_product_operation_id is not None:
        after = referenced(
            routing_rows(),
            payload.preceding_product_operation_id,
            field="preceding_product_operation_id",
        )
    services.rerank_routing_row(row=row, after=after)
    return {"message": "Product operation successfully reordered", "success": True}
