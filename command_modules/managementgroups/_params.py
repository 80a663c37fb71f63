"""Arguments of `account management-group ...`, with az's names."""


def load_arguments(loader, _command):
    with loader.argument_context("account management-group") as c:
        c.argument("group_name", options_list=["--name", "-n"], help="Name of the management group.")
        c.argument("no_register", options_list=["--no-register"], action="store_true",
                   help="Skip registration for resource provider Microsoft.Management.")
    with loader.argument_context("account management-group show") as c:
        c.argument("expand", options_list=["--expand", "-e"], action="store_true",
                   help="If given, lists the children in the first level of hierarchy.")
        c.argument("recurse", options_list=["--recurse", "-r"], action="store_true",
                   help="If given, lists the children in all levels of hierarchy.")
    for verb in ("create", "update"):
        with loader.argument_context("account management-group " + verb) as c:
            c.argument("display_name", options_list=["--display-name", "-d"],
                       help="Sets the display name of the management group. If null, the group name is set as the "
                            "display name." if verb == "create" else "Updates the display name of the group.")
    with loader.argument_context("account management-group create") as c:
        c.argument("parent", options_list=["--parent", "-p"],
                   help="Sets the parent of the management group: its name or id "
                        "(/providers/Microsoft.Management/managementGroups/{name}). If null, the root tenant group.")
    with loader.argument_context("account management-group update") as c:
        c.argument("parent_id", options_list=["--parent", "-p"],
                   help="Moves the group under this parent: its name or id.")
    with loader.argument_context("account management-group subscription") as c:
        # `--subscription` is the global flag (argparse allows one owner of a spelling): the handler takes
        # its value when -s is not given, so `--subscription X` and `-s X` both work, as in az.
        c.argument("subscription", options_list=["-s"],
                   help="Name or ID of subscription (or give it as --subscription).")
