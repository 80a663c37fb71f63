"""Arguments of `azcli rest` (az's names, plus --paginate)."""

METHODS = ["delete", "get", "head", "options", "patch", "post", "put"]


def load_arguments(loader, _command):
    with loader.argument_context("rest") as c:
        c.argument("method", options_list=["--method", "-m"], choices=METHODS, type=str.lower,
                   help="HTTP request method.")
        c.argument("url", options_list=["--url", "--uri", "-u"],
                   help="Request URL. A URL starting with '/' resolves against the active cloud's ARM "
                        "endpoint; '{subscriptionId}' is replaced by the current subscription's id.")
        c.argument("headers", options_list=["--headers"], nargs="+",
                   help="Space-separated headers in KEY=VALUE format, or a JSON object.")
        c.argument("uri_parameters", options_list=["--uri-parameters", "--url-parameters"], nargs="+",
                   help="Query parameters in the URL: space-separated KEY=VALUE pairs, or a JSON object.")
        c.argument("body", options_list=["--body", "-b"],
                   help="Request body: inline, @file, or '-' to read it from stdin.")
        c.argument("skip_authorization_header", options_list=["--skip-authorization-header"],
                   action="store_true", help="Do not send an Authorization header.")
        c.argument("resource", options_list=["--resource"],
                   help="The audience to get a token for (default: the active cloud's ARM endpoint when the URL "
                        "points at it).")
        c.argument("output_file", options_list=["--output-file"],
                   help="Save the response body to this file instead of printing it.")
        c.argument("paginate", options_list=["--paginate"], action="store_true",
                   help="Follow 'nextLink' and return every page's 'value' items in one 'value' array.")
