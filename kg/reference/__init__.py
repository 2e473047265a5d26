"""Reference data as package data: the register of states (names as printed, codes, membership dates)."""
