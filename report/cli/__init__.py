"""The command line: main() is the egdi entry point."""


def main() -> None:
    """The egdi command, with stop signals deferred from its first moment to its last: a
    Ctrl-C while the libraries load ends as one line and exit status 130, not a traceback."""
    from report import interrupts

    with interrupts.deferred():
        from report.cli.app import main as run

        run()
