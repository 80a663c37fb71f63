"""The part of knack's CLI context a fast path reads, without knack: the config dir, the environment,
and knack's config lookup (AZCLI_<SECTION>_<OPTION> first, then the config file; for configured
defaults also the local `.azcli/config` files from the working directory up, nearest first). It only
reads; a fast path leaves anything it cannot answer as knack's path would to knack's path.
"""
import os

ENV_PREFIX = "AZCLI"
CONFIG_FILE_NAME = "config"  # knack's CLIConfig default, which AzCli keeps


def default_config_dir(environ=None):
    environ = os.environ if environ is None else environ
    return os.path.expanduser(environ.get(ENV_PREFIX + "_CONFIG_DIR") or os.path.join("~", ".azcli"))


def knack_reads_another_dir(environ):
    """knack's CLIConfig takes AZCLI_CONFIG_DIR as written (`~` unexpanded, empty as empty), so such a
    value makes knack's path read another directory than default_config_dir names."""
    given = environ.get(ENV_PREFIX + "_CONFIG_DIR")
    return given is not None and given != default_config_dir(environ)


class PlainConfig:
    def __init__(self, config_dir, environ):
        self.config_dir = config_dir
        self.environ = environ
        self._home = self._local = None

    def get(self, section, option, fallback=None, local=False):
        variable = "{}_{}_{}".format(ENV_PREFIX, section.upper(), option.upper())
        if variable in self.environ:
            return self.environ[variable]
        for parser in self._files(local):
            if parser is not None and parser.has_option(section, option):
                return parser.get(section, option)
        return fallback

    def _files(self, local):
        if self._home is None:
            self._home = [_read(os.path.join(self.config_dir, CONFIG_FILE_NAME))]
        if not local:
            return self._home
        if self._local is None:
            self._local = [_read(os.path.join(d, CONFIG_FILE_NAME)) for d in _local_dirs(self.config_dir)]
        return self._local + self._home


def _local_dirs(config_dir):
    """The directories named like the config dir in the working directory and its parents, nearest first,
    up to the config dir itself (os.getcwd raises where the working directory was deleted: knack warns)."""
    name, home, found = os.path.basename(config_dir), os.path.normcase(os.path.normpath(config_dir)), []
    current = os.getcwd()
    while current:
        candidate = os.path.join(current, name)
        if os.path.normcase(os.path.normpath(candidate)) == home:
            break
        if os.path.isdir(candidate):
            found.append(candidate)
        if current == os.path.dirname(current):
            break
        current = os.path.dirname(current)
    return found


def _read(path):
    if not os.path.exists(path):
        return None  # configparser (and re) only when there is a file to read
    import configparser
    parser = configparser.ConfigParser()
    parser.read(path, encoding="utf-8")
    return parser


class PlainContext:
    def __init__(self, environ=None):
        self.environ = os.environ if environ is None else environ
        self.config_dir = default_config_dir(self.environ)
        self.config = PlainConfig(self.config_dir, self.environ)
