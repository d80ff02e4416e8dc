"""The command line: main() is the egdi entry point."""

import sys


def main() -> None:
    """The egdi command, with stop signals deferred from its first moment: a Ctrl-C while
    the libraries load ends as one line and exit status 130, not a traceback."""
    from report import interrupts

    with interrupts.deferred():
        from report.cli.app import EXIT_INTERRUPTED, INTERRUPTED
        from report.cli.app import main as run

        stopped = interrupts.requested()
    if stopped:
        print(INTERRUPTED, file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)
    run()
