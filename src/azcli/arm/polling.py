"""Long-running ARM operations as azure-core pollers, polled the way the SDK polls its own."""
import json

DEFAULT_POLLING_INTERVAL = 30  # seconds, the SDK clients' default; ARM's Retry-After takes precedence


def poll(client, initial_response, deserialize=None, polling_interval=None):
    """An azure-core LROPoller (ARMPolling: Azure-AsyncOperation, Location, provisioningState) for an
    operation that ``requests.send`` started; the core waits for it, or reports it with --no-wait.

    deserialize(pipeline_response) gives the result (default: the final body's JSON, its text when it
    is not JSON, None when empty).
    """
    from azure.core.pipeline import PipelineContext, PipelineResponse
    from azure.core.polling import LROPoller
    from azure.mgmt.core.polling.arm_polling import ARMPolling
    from .requests import pipeline_of
    if polling_interval is None:
        config = getattr(client, "_config", None)
        polling_interval = getattr(config, "polling_interval", DEFAULT_POLLING_INTERVAL)
    started = PipelineResponse(initial_response.request, initial_response, PipelineContext(None))
    return LROPoller(pipeline_of(client), started, deserialize or body_of, ARMPolling(polling_interval))


def body_of(pipeline_response):
    text = pipeline_response.http_response.text()
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text
