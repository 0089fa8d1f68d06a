"""Open data: the public record as read-only JSON in the OParl 1.1 object model, checked
against the official schemas (../shared/standards/validate-oparl in the tests)."""
