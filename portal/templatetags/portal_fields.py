"""`{% field_html field %}`: one form field with its label, hint, error and ARIA wiring.

The public forms' accessible field markup (GOV.UK patterns: the hint and the error are
referenced by `aria-describedby`, errors set `aria-invalid`, radios are a fieldset with a
legend). Built in Python rather than with nested template includes: it is rendered for
every field of every public form, and this is several times faster. For the same reason
the markup is joined from escaped pieces (`_e`, what `format_html` does to each argument)
rather than through `format_html`, whose lazy-string checks on every argument cost more
than the escaping itself.
"""

from html import escape as _html_escape

from django import template
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()

TEXTAREA = "django/forms/widgets/textarea.html"


def _e(value) -> str:
    """`value` escaped for HTML, unless it is already safe (Django's conditional_escape)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return _html_escape(str(value))


def _text(value) -> str:
    """A value as the template engine would print it (localised, escaped)."""
    if value is None:
        return ""
    return _e(formats.localize(value))


def _attrs(attrs: dict, skip=()) -> str:
    return "".join(
        f' {_e(name)}="{_e(value)}"' for name, value in attrs.items() if name not in skip
    )


# The helpers below take the field's id already escaped.


def _errors(field, field_id: str) -> str:
    if not field.errors:
        return ""
    return (
        f'<p class="error-message" id="{field_id}-error"><span class="visually-hidden">'
        f"{_e(gettext('Error:'))}</span> {' '.join(_e(error) for error in field.errors)}</p>"
    )


def _hint(field, field_id: str) -> str:
    if not field.help_text:
        return ""
    return f'<p class="hint" id="{field_id}-hint">{_e(field.help_text)}</p>'


def _aria(field, field_id: str) -> str:
    described = []
    if field.help_text:
        described.append(f"{field_id}-hint")
    if field.errors:
        described.append(f"{field_id}-error")
    aria = f' aria-describedby="{" ".join(described)}"' if described else ""
    return aria + _flag(field.errors, 'aria-invalid="true"')


def _flag(on, name: str) -> str:
    """A boolean HTML attribute: a fixed name from this module, never user input."""
    return f" {name}" if on else ""


def _same(choice, value) -> bool:
    return str(choice) == str(value)


@register.simple_tag
def field_html(field) -> str:
    field_id = _e(field.auto_id)
    widget = field.field.widget
    kind = getattr(widget, "input_type", None) or widget.template_name
    value = field.value()
    css = "field field-error" if field.errors else "field"
    label = _e(field.label)
    name = _e(field.html_name)
    if kind == "radio":
        described = " ".join(
            part
            for part, present in (
                (f"{field_id}-hint", field.help_text),
                (f"{field_id}-error", field.errors),
            )
            if present
        )
        choices = []
        for index, (choice_value, choice_label) in enumerate(field.field.choices):
            choice_id = field_id if index == 0 else f"{field_id}_{index}"
            choices.append(
                f'<div class="choice"><input type="radio" name="{name}" id="{choice_id}" '
                f'value="{_e(choice_value)}"{_flag(_same(choice_value, value), "checked")}> '
                f'<label for="{choice_id}">{_e(choice_label)}</label></div>'
            )
        inner = (
            f'<fieldset id="{field_id}-fieldset"'
            f"{f' aria-describedby={chr(34)}{described}{chr(34)}' if described else ''}>"
            f"<legend>{label}</legend>{_hint(field, field_id)}{_errors(field, field_id)}"
            f"{''.join(choices)}</fieldset>"
        )
    elif kind == "checkbox":
        aria = f' aria-invalid="true" aria-describedby="{field_id}-error"' if field.errors else ""
        inner = (
            f'{_errors(field, field_id)}<div class="choice"><input type="checkbox" '
            f'name="{name}" id="{field_id}"{_flag(value, "checked")}{aria}> '
            f'<label for="{field_id}">{label}</label></div>'
        )
    else:
        aria = _aria(field, field_id)
        if kind == TEXTAREA:
            control = (
                f'<textarea name="{name}" id="{field_id}"{_attrs(widget.attrs)}{aria}>'
                f"{_text(value)}</textarea>"
            )
        elif kind == "select":
            options = "".join(
                f'<option value="{_e(choice_value)}"'
                f"{_flag(_same(choice_value, value), 'selected')}>{_e(choice_label)}</option>"
                for choice_value, choice_label in field.field.choices
            )
            control = f'<select name="{name}" id="{field_id}"{aria}>{options}</select>'
        elif kind == "file":
            multiple = _flag(getattr(widget, "allow_multiple_selected", False), "multiple")
            control = (
                f'<input type="file" name="{name}" id="{field_id}"{multiple}'
                f"{_attrs(widget.attrs, skip=('multiple',))}{aria}>"
            )
        else:
            control = (
                f'<input type="{_e(kind)}" name="{name}" id="{field_id}" value="{_text(value)}"'
                f"{_attrs(widget.attrs)}{aria}>"
            )
        inner = (
            f'<label for="{field_id}">{label}</label>{_hint(field, field_id)}'
            f"{_errors(field, field_id)}{control}"
        )
    return mark_safe(f'<div class="{css}">{inner}</div>')  # noqa: S308 - every piece escaped
