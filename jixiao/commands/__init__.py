"""Subcommands of ``jixiao``; each module here is one command (see ``jixiao.cli``)."""
