"""One ARM request layer: raw requests through an SDK client's own pipeline (``requests``), nextLink
paging (``requests.pages``), long-running operations as azure-core pollers (``polling``), the one
mapping from azure-core's errors to azcli's exit codes (``errors``) and the hints added to them
(``hints``).

Importing this package is free: azure.* loads inside the functions that send.
"""
