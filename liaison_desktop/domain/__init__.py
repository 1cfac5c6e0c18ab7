"""The records and rules of the caseload, as plain dataclasses with no I/O."""
