"""Template parameters: supplied values merged with defaults, validated, and the record ARM stores.

Defaults are evaluated lazily in declaration-independent order (a default may refer to another
parameter), all before the deployment starts, so every value is checked up front as ARM does.
"""

from .errors import TemplateError
from .params_types import HELP, SECURE, TYPES, TypeChecker

_FILE_KEYS = ("$schema", "contentVersion")


def validation_failed(reason, target=None):
    return TemplateError(f"Deployment template validation failed: '{reason}'.", target=target)


def unwrap(supplied):
    """Accept a whole parameters file as well as its ``parameters`` member."""
    if isinstance(supplied, dict) and "parameters" in supplied and any(k in supplied for k in _FILE_KEYS):
        return supplied["parameters"] or {}
    return supplied or {}


class Parameters:
    """The resolved parameters of one deployment.

    ``lookup(name)`` is what EvalContext calls for ``parameters('name')`` (case-insensitive);
    ``record`` is the deployment's ``properties.parameters`` with secure values left out.
    """

    def __init__(self, declared, supplied, *, definitions=None, make_context=None, secret_reader=None):
        if declared is None:
            declared = {}
        if not isinstance(declared, dict):
            raise validation_failed("The template 'parameters' section must be a JSON object.")
        self.checker = TypeChecker(definitions)
        self.declared = {}
        for name, decl in declared.items():
            if not isinstance(decl, dict):
                raise validation_failed(f"The template parameter '{name}' must be a JSON object. {HELP}", name)
            self.declared[name.lower()] = (name, decl, self.checker.type_of(decl, name))
        self._make_context = make_context
        self._context = None
        self.values = {}
        self._in_progress = set()
        self.references = {}  # Key Vault references as given: the deployment records them, never the value
        self._supplied = self._normalise(unwrap(supplied), secret_reader)
        self._check_missing()
        for lower in self.declared:
            self.lookup(lower)

    # --- supplied values -------------------------------------------------------------------------

    def _normalise(self, supplied, secret_reader):
        if not isinstance(supplied, dict):
            raise TemplateError("The deployment parameters must be a JSON object.", code="InvalidDeploymentParameterValue")
        extra = [name for name in supplied if name.lower() not in self.declared]
        if extra:
            raise TemplateError(f"The template parameters '{', '.join(extra)}' in the parameters file are not valid; "
                                f"they are not present in the original template and can therefore not be provided "
                                f"at deployment time. The only supported parameters for this template are "
                                f"'{', '.join(n for n, _, _ in self.declared.values())}'. {HELP}")
        values = {}
        for name, entry in supplied.items():
            if not isinstance(entry, dict) or not ("value" in entry or "reference" in entry):
                raise TemplateError(f"The value of deployment parameter '{name}' is null or not in the expected form "
                                    f"{{'value': ...}}. {HELP}", code="InvalidDeploymentParameterValue", target=name)
            if "reference" in entry:
                values[name.lower()] = _key_vault_secret(name, entry["reference"], secret_reader)
                self.references[name.lower()] = entry["reference"]
            else:
                values[name.lower()] = entry["value"]
        return values

    def _check_missing(self):
        missing = []
        for lower, (name, decl, _) in self.declared.items():
            if lower in self._supplied or "defaultValue" in decl:
                continue
            if self.checker.resolve(decl, name).get("nullable"):
                continue
            missing.append(name)
        if len(missing) == 1:
            raise validation_failed(f"The value for the template parameter '{missing[0]}' is not provided. Please see "
                                    f"https://aka.ms/arm-preview-create-parameter-file for usage details.", missing[0])
        if missing:
            raise validation_failed(f"The values for the template parameters '{', '.join(missing)}' are not provided. "
                                    f"Please see https://aka.ms/arm-preview-create-parameter-file for usage details.")

    # --- values ----------------------------------------------------------------------------------

    def lookup(self, name):
        lower = name.lower()
        if lower in self.values:
            return self.values[lower]
        if lower not in self.declared:
            raise TemplateError(f"Unable to evaluate template language function 'parameters': The template parameter "
                                f"'{name}' is not found. Please see https://aka.ms/arm-functions for usage details.")
        declared_name, decl, _ = self.declared[lower]
        if lower in self._supplied:
            value = self._supplied[lower]
        elif "defaultValue" in decl:
            value = self._default(declared_name, decl["defaultValue"])
        else:
            value = None  # a nullable parameter left out
        self.checker.check(declared_name, value, decl)
        self.values[lower] = value
        return value

    def _default(self, name, default):
        from .expressions import evaluate  # the expression engine loads only when a template needs it

        lower = name.lower()
        if lower in self._in_progress:
            raise validation_failed(f"The template parameter '{name}' has a circular reference in its default value. "
                                    f"{HELP}", name)
        self._in_progress.add(lower)
        try:
            if self._context is None:
                self._context = self._make_context(self.lookup)
            return evaluate(default, self._context)
        except TemplateError as error:
            if error.message.startswith("Deployment template validation failed"):
                raise
            raise validation_failed(f"The template parameter '{name}' default value is not valid: {error.message}",
                                    name) from error
        finally:
            self._in_progress.discard(lower)

    def is_secure(self, name):
        entry = self.declared.get(name.lower())
        return entry is not None and entry[2] in SECURE

    @property
    def record(self):
        """``{name: {"type": "String", "value": v}}``; secure parameters keep only their type, and Key Vault
        parameters their reference, as ARM returns them."""
        record = {}
        for lower, (name, _, kind) in self.declared.items():
            entry = {"type": TYPES[kind][0]}
            if lower in self.references:
                entry["reference"] = self.references[lower]
            elif kind not in SECURE:
                entry["value"] = self.values.get(lower)
            record[name] = entry
        return record


def _key_vault_secret(name, reference, secret_reader):
    """A ``{"reference": {"keyVault": {"id"}, "secretName", "secretVersion"}}`` value, read through the host."""
    vault = ((reference or {}).get("keyVault") or {}).get("id") if isinstance(reference, dict) else None
    secret = reference.get("secretName") if isinstance(reference, dict) else None
    if not vault or not secret:
        raise TemplateError(f"The key vault reference of parameter '{name}' must name 'keyVault.id' and "
                            f"'secretName'.", code="InvalidDeploymentParameterKeyVaultReference", target=name)
    if secret_reader is None:
        raise TemplateError(f"The specified KeyVault '{vault}' could not be found. Please see "
                            f"https://aka.ms/arm-keyvault for usage details.",
                            code="KeyVaultParameterReferenceNotFound", target=name)
    return secret_reader(vault, secret, reference.get("secretVersion"))
