"""Value checks for parameters: the declared type, allowedValues, ranges, lengths and languageVersion
2.0 user-defined types (``$ref`` into ``definitions``, nullable, object properties, items, discriminators)."""

from .errors import TemplateError

HELP = "Please see https://aka.ms/arm-syntax-parameters for usage details."

# Declared type (lower case) -> (name ARM stores in the parameters record, check).
TYPES = {
    "string": ("String", lambda v: isinstance(v, str)),
    "securestring": ("SecureString", lambda v: isinstance(v, str)),
    "int": ("Int", lambda v: isinstance(v, int) and not isinstance(v, bool)),
    "bool": ("Bool", lambda v: isinstance(v, bool)),
    "object": ("Object", lambda v: isinstance(v, dict)),
    "secureobject": ("SecureObject", lambda v: isinstance(v, dict)),
    "array": ("Array", lambda v: isinstance(v, list)),
}
SECURE = frozenset(("securestring", "secureobject"))


def json_type(value):
    if value is None:
        return "Null"
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, int):
        return "Integer"
    return {str: "String", list: "Array", dict: "Object", float: "Float"}.get(type(value), type(value).__name__)


def invalid(name, reason):
    return TemplateError(f"Deployment template validation failed: 'The provided value for the template parameter "
                         f"'{name}' is not valid. {reason} {HELP}'.", target=name)


class TypeChecker:
    """Checks values against parameter declarations; ``definitions`` is the template's 2.0 type section."""

    def __init__(self, definitions):
        self.definitions = {key.lower(): value for key, value in (definitions or {}).items()}

    def resolve(self, schema, where):
        """Follow ``$ref`` chains; the referring schema's own constraints are merged over the target's."""
        seen = set()
        while isinstance(schema, dict) and "$ref" in schema:
            ref = schema["$ref"]
            if not isinstance(ref, str) or not ref.startswith("#/definitions/"):
                raise TemplateError(f"The type reference '{ref}' of '{where}' is not valid: only local "
                                    f"'#/definitions/<name>' references are supported.")
            key = ref[len("#/definitions/"):].lower()
            if key in seen or key not in self.definitions:
                reason = "is circular" if key in seen else "is not defined in the template's definitions"
                raise TemplateError(f"The type reference '{ref}' of '{where}' {reason}.")
            seen.add(key)
            merged = dict(self.definitions[key])
            merged.update({k: v for k, v in schema.items() if k != "$ref"})
            schema = merged
        return schema

    def type_of(self, schema, where):
        """The declared type (lower case) of a schema, after following references."""
        schema = self.resolve(schema, where)
        kind = schema.get("type")
        if not isinstance(kind, str) or kind.lower() not in TYPES:
            raise TemplateError(f"Deployment template validation failed: 'The template parameter '{where}' has an "
                                f"invalid type '{kind}'. The supported types are 'string, securestring, int, bool, "
                                f"object, secureObject, array'. {HELP}'.", target=where)
        return kind.lower()

    def check(self, name, value, schema, path=""):
        """Raise ARM's validation error when ``value`` does not satisfy ``schema``."""
        schema = self.resolve(schema, name)
        where = f"{name}{path}"
        if value is None and schema.get("nullable"):
            return
        kind = self.type_of(schema, where)
        display, test = TYPES[kind]
        if not test(value):
            expected = {"Int": "Integer", "Bool": "Boolean", "SecureString": "String",
                        "SecureObject": "Object"}.get(display, display)
            place = f" at '{path.lstrip('.')}'" if path else ""
            raise invalid(name, f"Expected a value of type '{expected}'{place} but received a value of type "
                                f"'{json_type(value)}'.")
        self._check_allowed(name, value, schema, kind)
        self._check_ranges(name, value, schema)
        if kind in ("object", "secureobject"):
            self._check_object(name, value, schema, path)
        elif kind == "array":
            self._check_array(name, value, schema, path)

    def _check_allowed(self, name, value, schema, kind):
        allowed = schema.get("allowedValues")
        if not isinstance(allowed, list):
            return
        candidates = value if kind == "array" and not any(isinstance(a, list) for a in allowed) else [value]
        for candidate in candidates:
            if not any(_same(candidate, a) for a in allowed):
                listed = ", ".join(str(a) for a in allowed)
                raise invalid(name, f"The value '{candidate}' is not part of the allowed value(s): '{listed}'.")

    def _check_ranges(self, name, value, schema):
        if isinstance(value, int) and not isinstance(value, bool):
            low, high = schema.get("minValue"), schema.get("maxValue")
            if low is not None and value < low:
                raise invalid(name, f"The value '{value}' is less than the minimum value '{low}'.")
            if high is not None and value > high:
                raise invalid(name, f"The value '{value}' is greater than the maximum value '{high}'.")
        if isinstance(value, (str, list)):
            low, high = schema.get("minLength"), schema.get("maxLength")
            if low is not None and len(value) < low:
                raise invalid(name, f"The length of the value ({len(value)}) is less than the minimum length "
                                    f"'{low}'.")
            if high is not None and len(value) > high:
                raise invalid(name, f"The length of the value ({len(value)}) is greater than the maximum length "
                                    f"'{high}'.")

    def _check_object(self, name, value, schema, path):
        discriminator = schema.get("discriminator")
        if isinstance(discriminator, dict):
            key = discriminator.get("propertyName")
            tag = value.get(key)
            mapping = discriminator.get("mapping") or {}
            if tag not in mapping:
                raise invalid(name, f"The discriminator property '{key}'{_at(path)} must be one of "
                                    f"'{', '.join(mapping)}'.")
            self.check(name, value, mapping[tag], path)
        properties = schema.get("properties")
        if isinstance(properties, dict):
            for prop, prop_schema in properties.items():
                if prop in value:
                    self.check(name, value[prop], prop_schema, f"{path}.{prop}")
                elif not self.resolve(prop_schema, name).get("nullable"):
                    raise invalid(name, f"The property '{(path + '.' + prop).lstrip('.')}' is required but was "
                                        f"not provided.")
        extra = schema.get("additionalProperties")
        known = properties if isinstance(properties, dict) else {}
        if schema.get("sealed") and extra is None:
            extra = False
        for prop in value:
            if prop in known or prop == (discriminator or {}).get("propertyName"):
                continue
            if extra is False:
                raise invalid(name, f"The property '{(path + '.' + prop).lstrip('.')}' is not allowed.")
            if isinstance(extra, dict):
                self.check(name, value[prop], extra, f"{path}.{prop}")

    def _check_array(self, name, value, schema, path):
        prefix = schema.get("prefixItems")
        start = 0
        if isinstance(prefix, list):
            for index, item_schema in enumerate(prefix):
                if index >= len(value):
                    raise invalid(name, f"Expected at least {len(prefix)} items{_at(path)}.")
                self.check(name, value[index], item_schema, f"{path}[{index}]")
            start = len(prefix)
        items = schema.get("items")
        if items is False and len(value) > start:
            raise invalid(name, f"Expected at most {start} items{_at(path)}.")
        if isinstance(items, dict):
            for index in range(start, len(value)):
                self.check(name, value[index], items, f"{path}[{index}]")


def _at(path):
    return f" at '{path.lstrip('.')}'" if path else ""


def _same(value, allowed):
    """allowedValues match: strings case-insensitively as ARM does, everything else exactly."""
    if isinstance(value, str) and isinstance(allowed, str):
        return value.lower() == allowed.lower()
    if isinstance(value, bool) or isinstance(allowed, bool):
        return value is allowed
    return value == allowed
