"""Resolving the 'package.module#Attr.attr' strings a command table names its handlers by.

A leaf module: the command runner, `wait` and generic update all resolve handlers, and none of them
may import another for it.
"""
import importlib


def import_handler(operation):
    """Resolve 'package.module#Attr.attr' to a callable."""
    module_name, _, attr_path = operation.partition("#")
    target = importlib.import_module(module_name)
    for part in attr_path.split("."):
        target = getattr(target, part)
    return getattr(target, "__func__", target)
