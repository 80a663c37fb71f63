"""Microsoft.Insights: Application Insights components get their instrumentation key and connection string."""
from . import ResourceType, keep
from ..common.values import new_guid


class Component(ResourceType):
    type = "Microsoft.Insights/components"

    def complete(self, doc, old_properties, caller):
        props = doc["properties"]
        keep(props, old_properties, "AppId", new_guid)
        keep(props, old_properties, "InstrumentationKey", new_guid)
        region = doc.get("location") or "westus"
        keep(props, old_properties, "ConnectionString",
             "InstrumentationKey=%s;IngestionEndpoint=https://%s-0.in.applicationinsights.azure.com/;"
             "LiveEndpoint=https://%s.livediagnostics.monitor.azure.com/" % (props["InstrumentationKey"], region, region))
        keep(props, old_properties, "Name", doc["name"])


TYPES = [Component()]
