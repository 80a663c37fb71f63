"""Resources_MoveResources and Resources_ValidateMoveResources on the wire.

``POST /subscriptions/{sub}/resourceGroups/{src}/moveResources`` body
``{"resources": [ids], "targetResourceGroup": "/subscriptions/{sub}/resourceGroups/{dst}"}``: 202 +
Location when valid (domain/moves.py does the rest).
"""
from . import operations
from ..domain.moves import MoveResources
from ..domain.operations import execute


def move_resources(ctx, subscriptionId, resourceGroupName):
    return operations.accepted(ctx, execute(ctx, MoveResources(resourceGroupName, ctx.json_body())).op_id)


def validate_move_resources(ctx, subscriptionId, resourceGroupName):
    done = execute(ctx, MoveResources(resourceGroupName, ctx.json_body(), validate_only=True))
    return operations.accepted(ctx, done.op_id)


def register(router):
    base = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/"
    router.add("POST", base + "moveResources", move_resources,
               action="Microsoft.Resources/subscriptions/resourceGroups/moveResources/action")
    router.add("POST", base + "validateMoveResources", validate_move_resources,
               action="Microsoft.Resources/subscriptions/resourceGroups/validateMoveResources/action")
