"""`{% field_html field %}`: one form field with its label, hint, error and ARIA wiring.

The public forms' accessible field markup (GOV.UK patterns: the hint and the error are
referenced by `aria-describedby`, errors set `aria-invalid`, radios are a fieldset with a
legend). Built in Python rather than with nested template includes: it is rendered for
every field of every public form, and this is several times faster.
"""

from django import template
from django.utils import formats
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()

TEXTAREA = "django/forms/widgets/textarea.html"


def _text(value) -> str:
    """A value as the template engine would print it (localised, escaped)."""
    if value is None:
        return ""
    return conditional_escape(formats.localize(value))


def _attrs(attrs: dict, skip=()) -> str:
    return format_html_join(
        "", ' {}="{}"', ((name, value) for name, value in attrs.items() if name not in skip)
    )


def _errors(field, field_id: str) -> str:
    if not field.errors:
        return ""
    return format_html(
        '<p class="error-message" id="{}-error"><span class="visually-hidden">{}</span> {}</p>',
        field_id,
        gettext("Error:"),
        mark_safe(" ".join(conditional_escape(error) for error in field.errors)),  # noqa: S308
    )


def _hint(field, field_id: str) -> str:
    if not field.help_text:
        return ""
    return format_html('<p class="hint" id="{}-hint">{}</p>', field_id, field.help_text)


def _aria(field, field_id: str) -> str:
    described = []
    if field.help_text:
        described.append(f"{field_id}-hint")
    if field.errors:
        described.append(f"{field_id}-error")
    return format_html(
        "{}{}",
        format_html(' aria-describedby="{}"', " ".join(described)) if described else "",
        _flag(field.errors, 'aria-invalid="true"'),
    )


def _flag(on, name: str) -> str:
    """A boolean HTML attribute: a fixed name from this module, never user input."""
    return mark_safe(f" {name}") if on else ""  # noqa: S308


def _same(choice, value) -> bool:
    return str(choice) == str(value)


@register.simple_tag
def field_html(field) -> str:
    field_id = field.auto_id
    widget = field.field.widget
    kind = getattr(widget, "input_type", None) or widget.template_name
    value = field.value()
    css = "field field-error" if field.errors else "field"
    label = conditional_escape(field.label)
    name = field.html_name
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
                format_html(
                    '<div class="choice"><input type="radio" name="{}" id="{}" value="{}"{}> '
                    '<label for="{}">{}</label></div>',
                    name,
                    choice_id,
                    choice_value,
                    _flag(_same(choice_value, value), "checked"),
                    choice_id,
                    choice_label,
                )
            )
        inner = format_html(
            '<fieldset id="{}-fieldset"{}><legend>{}</legend>{}{}{}</fieldset>',
            field_id,
            format_html(' aria-describedby="{}"', described) if described else "",
            label,
            _hint(field, field_id),
            _errors(field, field_id),
            mark_safe("".join(choices)),  # noqa: S308 - each choice built with format_html
        )
    elif kind == "checkbox":
        aria = (
            format_html(' aria-invalid="true" aria-describedby="{}-error"', field_id)
            if field.errors
            else ""
        )
        inner = format_html(
            '{}<div class="choice"><input type="checkbox" name="{}" id="{}"{}{}> '
            '<label for="{}">{}</label></div>',
            _errors(field, field_id),
            name,
            field_id,
            _flag(value, "checked"),
            aria,
            field_id,
            label,
        )
    else:
        aria = _aria(field, field_id)
        if kind == TEXTAREA:
            control = format_html(
                '<textarea name="{}" id="{}"{}{}>{}</textarea>',
                name,
                field_id,
                _attrs(widget.attrs),
                aria,
                _text(value),
            )
        elif kind == "select":
            options = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (
                        choice_value,
                        _flag(_same(choice_value, value), "selected"),
                        choice_label,
                    )
                    for choice_value, choice_label in field.field.choices
                ),
            )
            control = format_html(
                '<select name="{}" id="{}"{}>{}</select>', name, field_id, aria, options
            )
        elif kind == "file":
            control = format_html(
                '<input type="file" name="{}" id="{}"{}{}{}>',
                name,
                field_id,
                _flag(getattr(widget, "allow_multiple_selected", False), "multiple"),
                _attrs(widget.attrs, skip=("multiple",)),
                aria,
            )
        else:
            control = format_html(
                '<input type="{}" name="{}" id="{}" value="{}"{}{}>',
                kind,
                name,
                field_id,
                _text(value),
                _attrs(widget.attrs),
                aria,
            )
        inner = format_html(
            '<label for="{}">{}</label>{}{}{}',
            field_id,
            label,
            _hint(field, field_id),
            _errors(field, field_id),
            control,
        )
    return format_html('<div class="{}">{}</div>', css, inner)
