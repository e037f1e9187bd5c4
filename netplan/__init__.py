"""netplan: a terminal planner for deliberate professional networking (the domain; never imports textual)."""

__version__ = "0.1.0"
