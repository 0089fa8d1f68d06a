from django.db import models


class StoredWarnings(models.Model):
    """The rule warnings of every body as last worked out (meetings.warnings.current_warnings),
    for one day and language: one row, kept until the data they come from changes.

    `generation` counts the changes of that data (meetings.warnings.data_changed); the
    warnings are current only while `worked_out` equals it. Worked out by the product from
    the records, never edited by anyone: no history.
    """

    generation = models.PositiveBigIntegerField(default=0)
    worked_out = models.PositiveBigIntegerField(null=True)
    day = models.DateField(null=True)
    language = models.CharField(max_length=10, blank=True)
    # [[body pk, body name, [[rule ID, message, citation], …]], …] in the order of the bodies.
    warnings = models.JSONField(default=list)

    def __str__(self):
        return f"{self.day} {self.language} {self.worked_out}/{self.generation}"
