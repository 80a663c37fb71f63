"""Command modules: one package per service area, each with a declarative command table."""
