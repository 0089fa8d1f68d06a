"""Finance models, one module per concept."""

from .budgets import Budget, BudgetFrozen, BudgetLine, BudgetParticipant
from .costs import AgreedShare, CostModel, allocate_with
from .ehf import EhfDocument
from .grants import GrantApplication, GrantBacking
from .invoices import Invoice, InvoiceFrozen, InvoiceLine, IssueRun
from .settings import FinanceSettings, InvoiceCounter, money

__all__ = [
    "AgreedShare", "Budget", "BudgetFrozen", "BudgetLine", "BudgetParticipant", "CostModel",
    "EhfDocument", "FinanceSettings", "GrantApplication", "GrantBacking", "Invoice",
    "InvoiceCounter", "InvoiceFrozen", "InvoiceLine", "IssueRun", "allocate_with", "money",
]
