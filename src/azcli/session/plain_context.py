"""The part of knack's CLI context a fast path reads, without knack: the config dir, the environment,
and knack's config lookup (AZCLI_<SECTION>_<OPTION> first, then the [section] option of
{config_dir}/config). It only reads; a fast path leaves anything it cannot answer to knack's path.
"""
import os

ENV_PREFIX = "AZCLI"
CONFIG_FILE_NAME = "config"  # knack's CLIConfig default, which AzCli keeps


def default_config_dir(environ=None):
    environ = os.environ if environ is None else environ
    return os.path.expanduser(environ.get(ENV_PREFIX + "_CONFIG_DIR") or os.path.join("~", ".azcli"))


class PlainConfig:
    def __init__(self, config_dir, environ):
        self.config_path = os.path.join(config_dir, CONFIG_FILE_NAME)
        self.environ = environ
        self._parser = None

    def get(self, section, option, fallback=None):
        variable = "{}_{}_{}".format(ENV_PREFIX, section.upper(), option.upper())
        if variable in self.environ:
            return self.environ[variable]
        if self._parser is None:
            if not os.path.exists(self.config_path):
                return fallback
            import configparser
            self._parser = configparser.ConfigParser()
            self._parser.read(self.config_path, encoding="utf-8")
        return self._parser.get(section, option, fallback=fallback)


class PlainContext:
    def __init__(self, environ=None):
        self.environ = os.environ if environ is None else environ
        self.config_dir = default_config_dir(self.environ)
        self.config = PlainConfig(self.config_dir, self.environ)
