"""`rekam log ...`: sign checkpoints, print the verifier key, export and verify the log."""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from tqdm import tqdm

from projections.ledger import reconcile
from projections.ledger import verify as verifier
from projections.ledger.follower import LedgerSizeError, make_checkpoint, verify_stored
from web import get_ledger
from web.cli.progress import progress_bar


@click.group("log")
def log() -> None:
    """The verifiable log: checkpoints, export and offline verification."""


@log.command("checkpoint")
@with_appcontext
def checkpoint() -> None:
    """Catch the log up with the event store, sign a checkpoint and print it."""
    with progress_bar("log catch-up") as progress:
        note = make_checkpoint(get_ledger(current_app), progress=progress)
    click.echo(note, nl=False)


@log.command("public-key")
@with_appcontext
def public_key() -> None:
    """Print the verifier key (signed-note format) that checks the checkpoints."""
    click.echo(get_ledger(current_app).verifier_key().encode())


@log.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def export(file: Path) -> None:
    """Write every log entry to FILE as JSON lines (stored bytes only; no key needed)."""
    ledger = get_ledger(current_app)
    with progress_bar("log catch-up") as progress:
        ledger.catch_up(progress=progress)
    size = ledger.size()
    written = 0
    with file.open("w", encoding="utf-8") as out, tqdm(
            total=size, desc="export", unit=" entries", file=sys.stderr) as bar:
        for entry in ledger.entries():
            out.write(entry.to_json() + "\n")
            written += 1
            bar.update(1)
    click.echo(f"Exported {written} of {size} log entries to {file}.")
    if written < size:
        click.echo(f"Warning: {size - written} logged events are missing from the event store; "
                   "`rekam log verify` will say where.", err=True)


@log.command("verify")
@click.argument("file", required=False,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--checkpoint", "checkpoints", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A checkpoint file you kept; repeat for older ones.")
@click.option("--public-key", help="The log's verifier key (/log/public-key) or a file of it.")
@click.option("--live", is_flag=True,
              help="Verify this server's store instead of FILE: the logged events against "
                   "the signed checkpoints, then every stored event and snapshot against "
                   "the log (store equals log).")
def verify(file: Path | None, checkpoints: tuple[Path, ...], public_key: str | None,
           live: bool) -> None:
    """Check an exported log against checkpoints, offline (no server, no personal-data key);
    or, with --live, this server's store."""
    if live:
        if file is not None:
            raise click.UsageError("give either FILE or --live, not both")
        _verify_live()
        return
    if file is None or not checkpoints:
        raise click.UsageError("FILE and at least one --checkpoint are needed (or --live)")
    try:
        key = verifier.load_key(public_key) if public_key else None
        notes = [path.read_text(encoding="utf-8") for path in checkpoints]
        with file.open("rb") as counting:
            total = sum(1 for _ in counting)
        with file.open(encoding="utf-8") as lines, tqdm(
                total=total, desc="verify", unit=" entries", file=sys.stderr) as bar:
            report = verifier.verify(lines, notes, key, progress=lambda _: bar.update(1))
    except verifier.Failure as failure:
        click.echo(str(failure), err=True)
        sys.exit(verifier.EXIT_FAILED)
    except (OSError, ValueError) as error:
        raise click.ClickException(f"cannot read the input: {error}") from None
    click.echo(report.summary())


@with_appcontext
def _verify_live() -> None:
    ledger = get_ledger(current_app)
    failed = False
    if ledger.latest_checkpoint() is None:
        click.echo("No checkpoint has been signed yet: run `rekam log checkpoint`.", err=True)
        failed = True
    else:
        with tqdm(total=ledger.size(), desc="verify", unit=" entries", file=sys.stderr) as bar:
            try:
                click.echo(verify_stored(ledger, progress=lambda _: bar.update(1)).summary())
            except verifier.Failure as failure:
                click.echo(str(failure), err=True)
                failed = True
    with tqdm(total=ledger.size(), desc="reconcile", unit=" events", file=sys.stderr) as bar:
        result = reconcile.reconcile(ledger, progress=lambda done: bar.update(done - bar.n))
    reconcile.save(ledger, result)
    click.echo(result.summary())
    for problem in result.problems:
        click.echo(f"  {problem.describe()}", err=True)
    if failed or not result.ok:
        sys.exit(verifier.EXIT_FAILED)


@log.command("prove")
@click.argument("position", type=int)
@click.option("--size", type=int, help="Tree size (default: the latest checkpoint's).")
@with_appcontext
def prove(position: int, size: int | None) -> None:
    """For auditors: the inclusion proof of the entry at POSITION, as JSON."""
    ledger = get_ledger(current_app)
    if size is None:
        note = ledger.latest_checkpoint()
        size = int(note.split("\n")[1]) if note else ledger.size()
    try:
        proof = ledger.inclusion_proof(position, size)
        leaf = ledger.leaf(position)
    except (LedgerSizeError, ValueError) as error:
        raise click.ClickException(f"{error}; choose a position below the tree size.") from None
    click.echo(json.dumps({"position": position, "size": size,
                           "leaf_hash": base64.b64encode(leaf).decode(),
                           "proof": [base64.b64encode(p).decode() for p in proof]}))
