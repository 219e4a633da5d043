"""The `rekam` operator command: one module per command or group of commands."""

from __future__ import annotations

from typing import Any

import click
from flask import Flask
from flask.cli import FlaskGroup, ScriptInfo


def _create_app(*_: Any) -> Any:
    from web import create_app
    from web.settings import SettingsError

    try:
        return create_app()
    except SettingsError as error:  # the operator's to fix: what to write, not a traceback
        raise click.ClickException(str(error)) from None


class _Commands(FlaskGroup):
    """The commands are the app's, so the app is built to list them (`rekam --help`)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        # FlaskGroup prints a traceback for anything but a missing app: a wrong setting is
        # told in a line, like when a command is run.
        try:
            ctx.ensure_object(ScriptInfo).load_app()
        except click.ClickException as error:
            error.show()
            return []
        return super().list_commands(ctx)


@click.group(cls=_Commands, create_app=_create_app, add_default_commands=False,
             add_version_option=False)
def main() -> None:
    """Rekam Jejak operator commands (data directory: REKAM_DATA_DIR, default var/)."""


def register_commands(app: Flask) -> None:
    """Attach the operator commands to the app, where FlaskGroup and test runners find them."""
    from web.cli.demo import demo
    from web.cli.log import log
    from web.cli.outbox import outbox
    from web.cli.personal_data import erase_personal_data, retire_lookup_secret_command
    from web.cli.portability import export, import_, import_legacy
    from web.cli.publish import publish
    from web.cli.serve import serve
    from web.cli.tpp import tpp
    from web.cli.users import users
    from web.cli.views import catch_up, rebuild, verify_views
    from web.cli.worker import worker

    for command in (demo, serve, erase_personal_data, retire_lookup_secret_command, catch_up,
                    rebuild, verify_views, log, users, worker, publish, export, import_,
                    import_legacy, outbox, tpp):
        app.cli.add_command(command)
