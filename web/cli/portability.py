"""`rekam export` / `rekam import`: move the whole event store (and, separately, the vault)."""

from __future__ import annotations

import base64
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from tqdm import tqdm

from domain.values import Actor, Role
from projections.ledger import portability
from projections.ledger import verify as verifier
from projections.ledger.checkpoint import CheckpointError
from web import get_ledger, get_projections, get_service


@click.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--vault", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the personal-data keys and NIP registry to this SEPARATE file "
                   "(mode 0600); without it the imported store shows personal data as "
                   "[dihapus].")
@with_appcontext
def export(file: Path, vault: Path | None) -> None:
    """Write the whole event store with its log positions and checkpoints to FILE."""
    if vault is not None and vault.resolve() == file.resolve():
        raise click.BadParameter("the vault must go to a different file than the events",
                                 param_hint="--vault")
    ledger = get_ledger(current_app)
    with tqdm(desc="export", unit=" events", file=sys.stderr) as bar, \
            file.open("w", encoding="utf-8") as out:
        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        try:
            summary = portability.export_store(ledger, out, progress)
        except verifier.Failure as failure:
            raise click.ClickException(str(failure)) from None
    click.echo(f"Exported {summary.entries} events to {file}; the latest checkpoint covers "
               f"{summary.checkpoint_size}.")
    if vault is not None:
        keys = portability.export_vault(get_service(current_app), vault)
        click.echo(f"Wrote {keys} personal-data keys to {vault}.")
        click.echo(f"WARNING: {portability.VAULT_WARNING}", err=True)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--vault", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The vault file written by `rekam export --vault` (keys and NIP registry).")
@click.option("--public-key", help="The source log's verifier key (/log/public-key) or a file "
                                   "of it; without it the key in the export is trusted.")
@click.option("--batch-size", default=5000, show_default=True,
              help="Events per insert statement (per transaction on PostgreSQL; SQLite "
                   "takes the whole import in one).")
@with_appcontext
def import_(file: Path, vault: Path | None, public_key: str | None, batch_size: int) -> None:
    """Load an export into this EMPTY store, verified against its latest checkpoint."""
    try:
        key = verifier.load_key(public_key) if public_key else None
    except (OSError, ValueError, CheckpointError) as error:
        raise click.BadParameter(f"not a verifier key ({error})",
                                 param_hint="--public-key") from None
    bars: dict[str, tqdm] = {}

    def progress(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = tqdm(desc=stage, unit=" events", file=sys.stderr)
        bar.total = total
        bar.update(done - bar.n)

    unfinished = portability.unfinished_import(get_ledger(current_app))
    if unfinished is not None:
        click.echo(f"An import begun {unfinished.started_at} did not finish here; this run "
                   "finishes it if FILE is the same export.", err=True)
    try:
        summary = portability.import_store(
            get_service(current_app), get_ledger(current_app), get_projections(current_app),
            file, public_key=key, vault=vault, batch_size=batch_size, progress=progress)
    except portability.ImportRefusedError as refused:
        raise click.ClickException(f"Import refused: {refused}") from None
    except verifier.Failure as failure:
        raise click.ClickException(str(failure)) from None
    finally:
        for bar in bars.values():
            bar.close()
    click.echo(f"Imported {summary.events} events; log root "
               f"{base64.b64encode(summary.root).decode()} matches the checkpoint; "
               f"{summary.checkpoints} checkpoints kept; views rebuilt from "
               f"{summary.projected} events; {summary.keys} personal-data keys.")
    if vault is None:
        click.echo("No --vault given: personal fields stay sealed and show as [dihapus] until "
                   "the vault is imported into an empty key store.", err=True)


@click.command("import-legacy")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--operator", required=True, help="User id recorded as the actor of every event.")
@click.option("--report", "report_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the rejected rows (.csv or .json; default FILE.rejected.csv).")
@with_appcontext
def import_legacy(file: Path, operator: str, report_file: Path | None) -> None:
    """Load personnel history from a SIMPEG-style CSV through the domain rules (docs/IMPORT.md).

    Employees with a rejected row are left out entirely and reported; the others are recorded
    in one transaction, so nothing is half-imported.
    """
    from web.loaders import legacy
    from web.loaders.legacy_csv import LegacyFileError, read_rows

    try:
        with file.open(encoding="utf-8-sig", newline="") as lines:
            rows = read_rows(lines)
    except (LegacyFileError, UnicodeDecodeError) as error:
        raise click.ClickException(f"Cannot import {file}: {error}. Nothing was imported.") \
            from None
    organisation = legacy.Organisation.load(get_projections(current_app))
    bars: dict[int, tqdm] = {}

    def progress(number: int, done: int, total: int) -> None:
        bar = bars.get(number)
        if bar is None:
            label = "check and import" if number == 1 else f"pass {number} (without rejected)"
            bar = bars[number] = tqdm(total=total, desc=label, unit=" rows", file=sys.stderr)
        bar.update(done - bar.n)

    try:
        report = legacy.LegacyImport(get_service(current_app), organisation,
                                     Actor(operator, Role.HR_ADMIN), progress).run(rows)
    except Exception as error:
        raise click.ClickException(
            f"The import stopped on an unexpected error ({type(error).__name__}); nothing was "
            "imported. Fix the cause and run it again.") from error
    finally:
        for bar in bars.values():
            bar.close()
    get_projections(current_app).catch_up()
    click.echo(f"Imported {report.imported_employees} of {report.employees} employees "
               f"({report.imported_rows} rows) in one transaction; "
               f"{len(report.rejections)} rows rejected.")
    if report.rejections:
        target = report_file or file.with_suffix(".rejected.csv")
        legacy.write_report(report.rejections, target)
        click.echo(f"Rejected rows and their reasons: {target}")
