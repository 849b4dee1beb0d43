"""The detection rules: one module per family of signals, each a pure function of the bundle."""
