"""The words after a command, read as knack's parser reads them, for the knack-free fast paths - or None
wherever knack's parser could read them otherwise (an unknown or abbreviated option, an option given
twice, a missing value, a value knack would read from a file with @), so that knack's path decides."""


def parse_words(words, options, many=(), quiet=()):
    """{destination: value} (a list for destinations in many, which take one or more values), or None.

    options: {spelling: destination}; quiet: flags that change nothing on success (skipped)."""
    args, i = {}, 0
    while i < len(words):
        word = words[i]
        i += 1
        if word in quiet:
            continue
        name, equals, inline = word.partition("=")
        dest = options.get(name if name.startswith("--") and equals else word)
        if dest is None or dest in args:
            return None
        if equals and name.startswith("--"):
            values = [inline]
        else:
            values = []
            while i < len(words) and not words[i].startswith("-") and (dest in many or not values):
                values.append(words[i])
                i += 1
            if not values:
                return None
        if any(value.startswith("@") for value in values):
            return None
        args[dest] = values if dest in many else values[0]
    return args
