"""The one error type of the template engine, shaped like ARM's deployment errors."""


class TemplateError(Exception):
    """A template problem: ``code`` is ARM's error code (``InvalidTemplate`` unless said otherwise).

    ``details`` is a list of ARM error dicts; ``line``/``column`` locate the problem in the
    template when known (ARM appends "line 'L' and column 'C'" to its messages).
    """

    def __init__(self, message, code="InvalidTemplate", target=None, details=None, line=None, column=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.target = target
        self.details = list(details) if details else []
        self.line = line
        self.column = column

    def __str__(self):
        return self.message

    def to_arm(self):
        error = {"code": self.code, "message": self.message}
        if self.target is not None:
            error["target"] = self.target
        if self.details:
            error["details"] = self.details
        return error


# ARM's wording, shared so every function raises the same sentences.
FUNCTIONS_HELP = "Please see https://aka.ms/arm-functions for usage details."


def function_error(name, reason):
    """``Unable to evaluate template language function 'name': reason``."""
    return TemplateError(f"Unable to evaluate template language function '{name}': {reason} {FUNCTIONS_HELP}")


def argument_count_error(name, expected, given):
    """``expected`` is prose such as "1", "at least 2" or "between 1 and 3"."""
    return TemplateError(
        f"Unable to evaluate template language function '{name}': function requires {expected} "
        f"argument(s) while {given} were provided. {FUNCTIONS_HELP}"
    )


class MissingPropertyError(TemplateError):
    """A property access on a member the object does not have.

    Its own type because ``empty()`` treats such an access as null (real quickstart templates
    test optional members with ``empty(x.member)``) while everywhere else it is an error.
    """

    def __init__(self, name, available):
        listed = ", ".join(available)
        super().__init__(f"The language expression property '{name}' doesn't exist, available properties are "
                         f"'{listed}'.")
        self.property_name = name
