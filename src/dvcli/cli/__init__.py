"""The command line: Typer apps that parse, call one service, and print. No logic lives here."""
