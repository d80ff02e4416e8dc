from report.cli.app import main

main()
