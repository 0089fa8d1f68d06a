"""What every app's views need of forms: a state-change function's refusal shown on the form."""

from django.core.exceptions import ValidationError


def show_refusal(form, error):
    """Put a ValidationError raised by a state-change function on `form`: next to the field it
    names when the form has that field, above the form otherwise."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def run_service(form, action):
    """Call `action`; a refusal is shown on the form instead of a 500 or a partial write.
    Returns what `action` returned, or None when it refused."""
    try:
        return action()
    except ValidationError as error:
        show_refusal(form, error)
        return None
