"""Measuring the detectors on planted ground truth (`duegraph evaluate`)."""
