"""Configuration: knack's config file ([section] name = value) with AZCLI_<SECTION>_<NAME> overrides."""
from azcli.errors import InvalidArgumentValueError, ResourceNotFoundError


def _split_key(key):
    section, sep, name = key.partition(".")
    if not sep or not section or not name:
        raise InvalidArgumentValueError("'{}' is not a valid key; use section.name, e.g. core.output.".format(key))
    return section, name


def _check_value(key, value):
    """Values azcli would refuse later are refused now (core.output: a known output format)."""
    if key == ("core", "output"):
        from azcli.framework.output import AzOutputProducer
        formats = list(AzOutputProducer._FORMAT_DICT)  # pylint: disable=protected-access
        if value.lower() not in formats:
            raise InvalidArgumentValueError("core.output: '{}' is not an output format; use one of: {}."
                                            .format(value, ", ".join(formats)))


def config_set(cmd, key_values):
    """Set configuration values, e.g. `azcli config set core.output=table defaults.group=demo`."""
    pairs = []
    for item in key_values:
        key, sep, value = item.partition("=")
        if not sep:
            raise InvalidArgumentValueError("'{}' is not KEY=VALUE.".format(item))
        pairs.append((_split_key(key), value))
        _check_value(pairs[-1][0], value)
    for (section, name), value in pairs:
        cmd.cli_ctx.config.set_value(section, name, value)


def config_get(cmd, key=None):
    """Show configuration: everything, one section, or one value."""
    config = cmd.cli_ctx.config
    if key is None:
        return {section: config.items(section) for section in config.sections()}
    if "." not in key:
        items = config.items(key)
        if not items:
            raise ResourceNotFoundError("Configuration section '{}' is not set.".format(key))
        return items
    section, name = _split_key(key)
    match = next((item for item in config.items(section) if item["name"] == name.lower()), None)
    if match is None:
        raise ResourceNotFoundError("Configuration '{}' is not set.".format(key))
    return match


def config_unset(cmd, keys):
    """Remove configuration values."""
    for key in keys:
        section, name = _split_key(key)
        cmd.cli_ctx.config.remove_option(section, name)


def configure(cmd, defaults=None, list_defaults=False):
    """Manage defaults: `azcli configure --defaults group=MyGroup location=westus`."""
    config = cmd.cli_ctx.config
    if defaults:
        for item in defaults:
            name, sep, value = item.partition("=")
            if not sep or not name:
                raise InvalidArgumentValueError("'{}' is not name=value.".format(item))
            if value:
                config.set_value("defaults", name, value)
            else:
                config.remove_option("defaults", name)
    if list_defaults or not defaults:
        return config.items("defaults")
    return None


def show_version(cmd):  # pylint: disable=unused-argument
    """Show the versions of azcli and the libraries it runs on."""
    import platform
    from importlib import metadata
    from azcli import __version__
    versions = {"azcli": __version__, "python": platform.python_version()}
    for package in ("knack", "azure-core", "azure-identity", "azure-mgmt-resource"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return versions
