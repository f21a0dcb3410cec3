"""What caused a stock move (Katana's InventoryMovementResourceType wire values)."""

from django.db import models


class MoveSource(models.TextChoices):
    PRODUCTION = "Production", "Production (output)"
    PRODUCTION_INGREDIENT = "ProductionIngredient", "Production ingredient"
    PURCHASE_ORDER_ROW = "PurchaseOrderRow", "Purchase receipt"
    SALES_ORDER_ROW = "SalesOrderRow", "Sales fulfilment"
    STOCK_ADJUSTMENT_ROW = "StockAdjustmentRow", "Stock adjustment"
    MANUFACTURING_ORDER = "ManufacturingOrder", "Manufacturing order"
    SYSTEM_GENERATED = "SystemGenerated", "System"
