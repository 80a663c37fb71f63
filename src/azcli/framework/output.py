"""Output formats. knack's json/jsonc/yaml/yamlc/table/tsv/none plus csv and jsonl.

stdout carries data only. jsonl streams: when a command returns an iterator (a pager that
was not collected), each item is written as soon as it arrives, so memory stays flat.
"""
import errno
import json

from knack.output import OutputProducer


def _rows(obj):
    result = obj.result
    if obj.table_transformer and not obj.is_query_active and not isinstance(obj.table_transformer, str):
        result = obj.table_transformer(result)
    return result if isinstance(result, list) else [result]


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True, separators=(",", ":"))
    return str(value)


def format_csv(obj):
    import csv
    import io
    rows = _rows(obj)
    columns = []
    for row in rows:
        for key in (row.keys() if isinstance(row, dict) else ["Result"]):
            if key not in columns:
                columns.append(key)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        row = row if isinstance(row, dict) else {"Result": row}
        writer.writerow([_csv_cell(row.get(col)) for col in columns])
    return buffer.getvalue()


def _jsonl_line(item):
    return json.dumps(item, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def format_jsonl(obj):
    result = obj.result
    items = result if isinstance(result, list) else [result]
    return "".join(_jsonl_line(item) for item in items)


class AzOutputProducer(OutputProducer):
    _FORMAT_DICT = dict(OutputProducer._FORMAT_DICT, csv=format_csv, jsonl=format_jsonl)

    @staticmethod
    def on_global_arguments(cli_ctx, **kwargs):
        kwargs["arg_group"].add_argument(
            "--output", "-o", dest=OutputProducer.ARG_DEST, choices=list(AzOutputProducer._FORMAT_DICT),
            default=cli_ctx.config.get("core", "output", fallback="json"),
            help="Output format.", type=str.lower)

    @staticmethod
    def check_format(cli_ctx, **kwargs):
        """After parsing, before the command runs: a configured default must be a format too (argparse
        checks only a format given with --output)."""
        chosen = getattr(kwargs.get("args"), OutputProducer.ARG_DEST, None)
        if chosen is None or chosen in AzOutputProducer._FORMAT_DICT:
            return
        from ..errors import InvalidArgumentValueError
        environ = getattr(cli_ctx, "environ", None) or {}
        source = "AZCLI_CORE_OUTPUT" if environ.get("AZCLI_CORE_OUTPUT") else "the config file's [core] output"
        raise InvalidArgumentValueError("The output format '{}' from {} is not one of: {}. Fix it, or give "
                                        "--output.".format(chosen, source, ", ".join(AzOutputProducer._FORMAT_DICT)))

    def __init__(self, cli_ctx=None):
        # knack registers OutputProducer.on_global_arguments; ours replaces it with more formats.
        super().__init__(cli_ctx=cli_ctx)
        from knack.events import EVENT_INVOKER_POST_PARSE_ARGS, EVENT_PARSER_GLOBAL_CREATE
        cli_ctx.unregister_event(EVENT_PARSER_GLOBAL_CREATE, OutputProducer.on_global_arguments)
        cli_ctx.register_event(EVENT_PARSER_GLOBAL_CREATE, AzOutputProducer.on_global_arguments)
        cli_ctx.register_event(EVENT_INVOKER_POST_PARSE_ARGS, AzOutputProducer.check_format)

    def get_formatter(self, format_type):
        if format_type in ("csv", "jsonl"):
            return self._FORMAT_DICT[format_type]
        return super().get_formatter(format_type)

    def out(self, obj, formatter=None, out_file=None):
        if formatter is format_jsonl and _is_stream(obj.result):
            try:
                for item in obj.result:
                    out_file.write(_jsonl_line(item))
            except IOError as ex:
                if ex.errno != errno.EPIPE:
                    raise
            return
        super().out(obj, formatter=formatter, out_file=out_file)


def _is_stream(value):
    return hasattr(value, "__next__")
