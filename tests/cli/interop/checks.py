"""What the interop scripts share: expectations collected as they run, and the exit status."""
failures = []


def expect(what, actual, expected):
    if actual != expected:
        failures.append(f"{what}: expected {expected!r}, got {actual!r}")


def report():
    """Prints every failed expectation; 1 when there was one, else 0."""
    for failure in failures:
        print(failure)
    return 1 if failures else 0
