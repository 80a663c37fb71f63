"""Arguments for configuration commands."""


def load_arguments(loader, _command):
    with loader.argument_context("configure") as c:
        c.argument("defaults", options_list=["--defaults", "-d"], nargs="+",
                   help="Space-separated 'name=value' pairs for common argument defaults, "
                        "e.g. group=MyGroup location=westus. Use 'name=' to clear one.")
        c.argument("list_defaults", options_list=["--list-defaults", "-l"], action="store_true",
                   help="List the configured defaults.")
    with loader.argument_context("config set") as c:
        c.argument("key_values", options_list=[], nargs="+", metavar="KEY=VALUE",
                   help="Space-separated section.name=value pairs, e.g. core.output=table.")
    with loader.argument_context("config get") as c:
        c.argument("key", options_list=[], nargs="?", metavar="KEY",
                   help="A section or section.name to show; everything when omitted.")
    with loader.argument_context("config unset") as c:
        c.argument("keys", options_list=[], nargs="+", metavar="KEY",
                   help="Space-separated section.name keys to remove.")
