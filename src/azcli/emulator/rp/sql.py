"""Microsoft.Sql: servers and everything below them are long-running; a server has its FQDN."""
from . import ASYNC, ResourceType, keep


class Server(ResourceType):
    type = "Microsoft.Sql/servers"
    prefix = True
    lro = ASYNC

    def complete(self, doc, old_properties, caller):
        if doc["type"].lower() == "microsoft.sql/servers":
            props = doc["properties"]
            keep(props, old_properties, "fullyQualifiedDomainName", "%s.database.windows.net" % doc["name"])
            keep(props, old_properties, "state", "Ready")


TYPES = [Server()]
