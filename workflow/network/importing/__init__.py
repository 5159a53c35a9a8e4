"""Bulk import of the office's lists (people, organisations, working groups) from CSV or XLSX files: every row is
checked first, then all rows are imported or none, and the report names each refused row by line and column."""

from workflow.network.importing.columns import COLUMNS, KINDS
from workflow.network.importing.report import ImportReport
from workflow.network.importing.service import check_kind, import_file

__all__ = ["COLUMNS", "KINDS", "ImportReport", "check_kind", "import_file"]
