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

from workflow.forms import PART_LABELS

register = template.Library()

TEXTAREA = "django/forms/widgets/textarea.html"
INVALID = 'aria-invalid="true"'


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


def _partner_error_id(field) -> str | None:
    """The id of the error message of the field whose error also concerns `field`, or None.
    A form's `invalid_with` maps a field to (the other field, the error's code): "give an
    email or a phone" is shown at the email, and marks the phone invalid too."""
    partner, code = getattr(field.form, "invalid_with", {}).get(field.name, (None, None))
    errors = field.form.errors.get(partner) if partner else None
    if not errors or not any(error.code == code for error in errors.as_data()):
        return None
    return f"{_e(field.form[partner].auto_id)}-error"


def _aria(field, field_id: str) -> str:
    described = []
    if field.help_text:
        described.append(f"{field_id}-hint")
    if field.errors:
        described.append(f"{field_id}-error")
    partner = _partner_error_id(field)
    if partner:
        described.append(partner)
    aria = f' aria-describedby="{" ".join(described)}"' if described else ""
    return aria + _flag(field.errors or partner, INVALID)


def _flag(on, name: str) -> str:
    """A boolean HTML attribute: a fixed name from this module, never user input."""
    return f" {name}" if on else ""


def _same(choice, value) -> bool:
    return str(choice) == str(value)


def _part_id(field_id: str, part: str, index: int) -> str:
    """The first part's input has the field's own id (its label and errors link to it)."""
    return field_id if index == 0 else f"{field_id}_{part}"


def _invalid_parts(field, parts, typed) -> tuple:
    """The parts of a date a field's error is about: the missing ones, the year, or all."""
    if not field.errors:
        return ()
    code = field.errors.as_data()[0].code or ""
    if code.startswith("missing_"):
        return tuple(part for part in parts if not typed.get(part, "").strip())
    if code == "invalid_year":
        return ("year",)
    return tuple(parts)


def _date_parts(field, typed) -> dict:
    parts = field.field.widget.date_parts
    if not isinstance(typed, list | tuple):
        typed = field.field.widget.decompress(typed)
    return dict(zip(parts, (value or "" for value in typed), strict=True))


def error_target(field) -> str:
    """Where the error summary's link to `field` leads: its input, or for a date the first
    part in error (GOV.UK)."""
    parts = getattr(field.field.widget, "date_parts", None)
    if not parts:
        return field.auto_id
    typed = _date_parts(field, field.value())
    wrong = _invalid_parts(field, parts, typed) or parts
    index = parts.index(wrong[0])
    return _part_id(field.auto_id, wrong[0], index)


def _date_field(field, field_id: str, label: str, name: str) -> str:
    """The GOV.UK date input: a fieldset (legend, hint, error) of day, month and year."""
    widget = field.field.widget
    parts = widget.date_parts
    typed = _date_parts(field, field.value())
    wrong = _invalid_parts(field, parts, typed)
    inputs = []
    for index, (part, subwidget) in enumerate(zip(parts, widget.widgets, strict=True)):
        part_id = _part_id(field_id, part, index)
        inputs.append(
            f'<div class="date-part date-{part}"><label for="{part_id}">'
            f"{_e(PART_LABELS[part]())}</label>"
            f'<input type="text" name="{name}_{part}" id="{part_id}" value="{_e(typed[part])}"'
            f"{_attrs(subwidget.attrs)}{_flag(part in wrong, INVALID)}></div>"
        )
    described = " ".join(
        part
        for part, present in (
            (f"{field_id}-hint", field.help_text),
            (f"{field_id}-error", field.errors),
        )
        if present
    )
    return (
        f'<fieldset id="{field_id}-fieldset" role="group"'
        f"{f' aria-describedby={chr(34)}{described}{chr(34)}' if described else ''}>"
        f"<legend>{label}</legend>{_hint(field, field_id)}{_errors(field, field_id)}"
        f'<div class="date-input">{"".join(inputs)}</div></fieldset>'
    )


@register.simple_tag
def error_summary_items(form) -> str:
    """The error summary's list: every error links to the input it belongs to."""
    items = [f"<li>{_e(error)}</li>" for error in form.non_field_errors()]
    for field in form:
        if field.errors:
            target = _e(error_target(field))
            items.extend(f'<li><a href="#{target}">{_e(error)}</a></li>' for error in field.errors)
    return mark_safe("".join(items))  # noqa: S308 - every piece escaped


@register.simple_tag
def field_html(field) -> str:
    field_id = _e(field.auto_id)
    widget = field.field.widget
    kind = getattr(widget, "input_type", None) or widget.template_name
    partner = _partner_error_id(field)
    css = "field field-error" if field.errors or partner else "field"
    label = _e(field.label)
    name = _e(field.html_name)
    if getattr(widget, "date_parts", None):
        return mark_safe(f'<div class="{css}">{_date_field(field, field_id, label, name)}</div>')  # noqa: S308
    value = field.value()
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
