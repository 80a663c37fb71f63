"""Preview features on the wire (Microsoft.Features, api-version 2021-07-01): ``GET /subscriptions/{sub}/providers/
Microsoft.Features/features``, ``GET .../providers/Microsoft.Features/providers/{ns}/features[/{name}]`` and
``POST .../features/{name}/register|unregister``. The state is domain/features.py's."""
from ..domain import features
from ..domain.operations import execute
from ..store import records
from ..wire.http import json_response

BASE = "/subscriptions/{subscriptionId}/providers/Microsoft.Features"


def list_all(ctx, subscriptionId):
    return json_response({"value": features.documents(ctx.store.read(), ctx)})


def list_namespace(ctx, subscriptionId, namespace):
    ns, _ = features.canonical(namespace)
    return json_response({"value": features.documents(ctx.store.read(), ctx, ns)})


def get_feature(ctx, subscriptionId, namespace, featureName):
    ns, name = features.canonical(namespace, featureName)
    sub_id = ctx.subscription["subscription_id"]
    row = records.get(ctx.store.read(), features.feature_id(sub_id, ns, name))
    return json_response(features.document(sub_id, ns, name, features.state(row, ctx.now, ctx.settings.lro_seconds)))


def register_feature(ctx, subscriptionId, namespace, featureName):
    return json_response(execute(ctx, features.SetFeature(namespace, featureName, True)).doc)


def unregister_feature(ctx, subscriptionId, namespace, featureName):
    return json_response(execute(ctx, features.SetFeature(namespace, featureName, False)).doc)


def register(router):
    router.add("GET", BASE + "/features", list_all, action="Microsoft.Features/features/read")
    one = BASE + "/providers/{namespace}/features"
    router.add("GET", one, list_namespace, action="Microsoft.Features/providers/features/read")
    router.add("GET", one + "/{featureName}", get_feature, action="Microsoft.Features/providers/features/read")
    router.add("POST", one + "/{featureName}/register", register_feature,
               action="Microsoft.Features/providers/features/register/action")
    router.add("POST", one + "/{featureName}/unregister", unregister_feature,
               action="Microsoft.Features/providers/features/unregister/action")
