"""Reading a template: JSON with comments, Bicep through a `bicep` binary, a URI; the default name.

Templates and parameter files in the wild carry // and /* */ comments and multi-line strings (az's
own test data does), so they are read as JSONC: comments outside strings are dropped and control
characters inside strings are allowed.
"""
import json
import os
import re
import shutil
import subprocess
from urllib.parse import urlsplit

from azcli.errors import AzCliError, InvalidArgumentValueError, RequiredArgumentMissingError

DEFAULT_DEPLOYMENT_NAME = "deployment1"  # az's name when there is no file to take one from
BICEP_HELP = ("Install the Bicep CLI (https://aka.ms/bicep-install, or `az bicep install`) and put `bicep` on "
              "PATH, or compile the file yourself (`bicep build FILE`) and pass the JSON with --template-file.")


def strip_json_comments(text):
    """text without // line and /* block */ comments; string literals are left untouched."""
    out, i, n = [], 0, len(text)
    in_string = False
    while i < n:
        ch = text[i]
        if in_string:
            out.append(ch)
            if ch == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 1
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
            out.append(ch)
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
            out.append(" ")
            continue
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def parse_jsonc(text, source):
    """A JSON value from JSONC text; a usage error naming source when it is not JSON."""
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        return json.loads(strip_json_comments(text), strict=False)
    except ValueError as ex:
        raise InvalidArgumentValueError("Failed to parse '{}', please check whether it is a valid JSON format: {}"
                                        .format(source, ex)) from None


def is_bicep_file(path):
    return isinstance(path, str) and path.lower().endswith(".bicep")


def compile_bicep(path, environ=None):
    """The ARM JSON `bicep build --stdout path` prints; a clear error when there is no bicep binary."""
    environ = os.environ if environ is None else environ
    binary = shutil.which("bicep", path=environ.get("PATH"))
    if binary is None:
        raise AzCliError("'{}' is a Bicep file and no `bicep` binary is on PATH.".format(path),
                         recommendation=BICEP_HELP)
    try:
        completed = subprocess.run([binary, "build", "--stdout", path], capture_output=True, text=True, check=False)
    except OSError as ex:
        raise AzCliError("Could not run {}: {}".format(binary, ex), recommendation=BICEP_HELP) from None
    if completed.returncode != 0:
        detail = (completed.stderr or completed.stdout).strip()
        raise InvalidArgumentValueError("bicep build failed for '{}':\n{}".format(path, detail))
    return completed.stdout


def read_uri(uri):
    from urllib.request import urlopen
    try:
        with urlopen(uri, timeout=60) as response:  # nosec - the user's own template URI, as az fetches it
            return response.read().decode("utf-8")
    except (OSError, ValueError) as ex:
        raise AzCliError("Unable to retrieve url {}: {}".format(uri, ex)) from None


def with_query_string(uri, query_string):
    """The URI with query_string (a SAS token) as its query, which is how linked templates are fetched."""
    from urllib.parse import parse_qs, urlencode, urlunsplit
    parts = urlsplit(uri)
    query = urlencode(parse_qs(query_string), doseq=True)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


class TemplateSource:
    """What the deployment sends (template content, or a templateLink) and the template as an object."""

    def __init__(self, template, link=None):
        self.template = template
        self.link = link

    def properties(self):
        if self.link is not None:
            return {"templateLink": self.link}
        return {"template": self.template}

    @property
    def parameter_definitions(self):
        params = self.template.get("parameters") if isinstance(self.template, dict) else None
        return params if isinstance(params, dict) else {}


def load_template(template_file=None, template_uri=None, template_spec=None, query_string=None, environ=None,
                  cli_ctx=None):
    """The TemplateSource for exactly one of --template-file, --template-uri, --template-spec (read with
    cli_ctx's client: the version's mainTemplate says which parameters there are)."""
    given = [name for name, value in (("--template-file", template_file), ("--template-uri", template_uri),
                                      ("--template-spec", template_spec)) if value]
    if len(given) != 1:
        raise RequiredArgumentMissingError(
            "incorrect usage: Chose only one of --template-file FILE | --template-uri URI | --template-spec ID "
            "to pass in" + (" (got {})".format(", ".join(given)) if given else ""))
    if query_string and not template_uri:
        raise InvalidArgumentValueError("please provide --template-uri if --query-string is specified")
    if template_spec:
        return TemplateSource(template_spec_template(cli_ctx, template_spec), link={"id": template_spec})
    if template_uri:
        link = {"uri": template_uri}
        fetch_uri = template_uri
        if query_string:
            link["queryString"] = query_string
            fetch_uri = with_query_string(template_uri, query_string)
        return TemplateSource(parse_jsonc(read_uri(fetch_uri), template_uri), link=link)
    if not os.path.isfile(template_file):
        raise InvalidArgumentValueError("Please enter a valid file path: '{}' is not a file.".format(template_file))
    if is_bicep_file(template_file):
        text = compile_bicep(template_file, environ)
    else:
        with open(template_file, encoding="utf-8-sig") as handle:
            text = handle.read()
    template = parse_jsonc(text, template_file)
    if not isinstance(template, dict):
        raise InvalidArgumentValueError("'{}' is not an ARM template (a JSON object).".format(template_file))
    return TemplateSource(template)


TEMPLATE_SPEC_VERSION_ID = re.compile(r"^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/"
                                     r"Microsoft\.Resources/templateSpecs/([^/]+)/versions/([^/]+)/?$", re.IGNORECASE)


def template_spec_template(cli_ctx, template_spec):
    """The mainTemplate of the template spec version --template-spec names (az reads it the same way)."""
    found = TEMPLATE_SPEC_VERSION_ID.match(template_spec)
    if found is None:
        raise InvalidArgumentValueError(
            "--template-spec must be the resource id of a template spec version: /subscriptions/{id}/resourceGroups/"
            "{group}/providers/Microsoft.Resources/templateSpecs/{name}/versions/{version} (see 'azcli ts show').")
    from azure.mgmt.resource.templatespecs import TemplateSpecsClient
    from azcli.session.clients import mgmt_client
    subscription, group, name, version = found.groups()
    client = mgmt_client(cli_ctx, TemplateSpecsClient, subscription_bound=False, subscription_id=subscription)
    template = client.template_spec_versions.get(group, name, version).main_template
    if not isinstance(template, dict):
        raise InvalidArgumentValueError("The template spec version '{}' has no mainTemplate.".format(template_spec))
    return template


def default_deployment_name(template_file=None, template_uri=None):
    """az's rule: the template file's base name without its extension (a URI's last path segment), else
    'deployment1'."""
    path = None
    if template_file and os.path.isfile(template_file):
        path = template_file
    if template_uri and urlsplit(template_uri).scheme:
        path = urlsplit(template_uri).path
    if path:
        base = os.path.splitext(os.path.basename(path))[0]
        if base:
            return base
    return DEFAULT_DEPLOYMENT_NAME
