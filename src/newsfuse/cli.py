"""The ``newsfuse`` command line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from . import __version__
from .progress import ProgressBar

app = typer.Typer(
    name="newsfuse",
    help="Read one news event across many outlets: ingest raw captures, extract the articles, "
    "find copies, group them into stories and write a cited synthesis of each story.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

# Exit code of a run that finished but rejected some inputs (0: nothing rejected).
EXIT_REJECTED = 3

DbOpt = Annotated[
    Optional[str],
    typer.Option("--db", envvar="NEWSFUSE_DB", help="Store: a SQLite file path or a SQLAlchemy URL "
                 "(e.g. postgresql+psycopg://user@localhost/news). Default: ./newsfuse.db."),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, only the summary.")]
PathsArg = Annotated[list[Path], typer.Argument(help="Files or folders of captures (.txt, .html, .jsonl, .warc, and .gz of these).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
ModelOpt = Annotated[
    Optional[str],
    typer.Option("--stories-model", envvar="NEWSFUSE_STORIES_MODEL",
                 help="Dense signal of story grouping: minilm (default, most accurate) or static "
                 "(~100x cheaper embedding, for large archives; splits more angle pieces)."),
]


def _use_model(model: str | None) -> None:
    """Make ``model`` the stories model of this run (and of its worker processes)."""
    if model is None:
        return
    import os

    from .stories.dense import MODELS

    if model not in MODELS:
        err.print(f"Unknown stories model '{model}': use {' or '.join(MODELS)}.")
        raise typer.Exit(2)
    os.environ["NEWSFUSE_STORIES_MODEL"] = model


def _open(db: str | None):  # noqa: ANN202 - returns newsfuse.Newsfuse
    from .api import Newsfuse

    return Newsfuse(db)


def _report_rejection(rej) -> None:  # noqa: ANN001
    err.print(f"[yellow]rejected[/] {rej.line()}", highlight=False, markup=True, soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        out.print(f"newsfuse {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = False,
) -> None:
    """newsfuse."""


@app.command()
def digest(
    paths: PathsArg,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for index.html and digest.json.")] = Path("report"),
    db: DbOpt = None,
    quiet: QuietOpt = False,
    engine: Annotated[str, typer.Option("--engine", help="local: one process; dask: partitions on a Dask cluster (docs/cluster.md).")] = "local",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="--engine dask: address of a running Dask scheduler (tcp://HOST:8786); default: a local cluster.")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="--engine dask without --scheduler: worker processes of the local cluster.")] = 2,
    workdir: Annotated[Path, typer.Option("--workdir", help="--engine dask: folder for partition outputs, reused by a rerun (shared by all workers).")] = Path(".newsfuse-dask"),
    stories_model: ModelOpt = None,
) -> None:
    """Ingest captures, run every stage, and write a static report ([b]index.html[/]) and [b]digest.json[/].

    Re-running on the same inputs gives the same report and adds nothing to the store.
    Exit code 0: all inputs read; 3: some inputs were rejected (listed, and in `newsfuse errors`).
    """
    if engine not in ("local", "dask"):
        err.print(f"Unknown engine '{engine}': use local or dask.")
        raise typer.Exit(2)
    _use_model(stories_model)
    with _open(db) as nf:
        with ProgressBar(enabled=not quiet) as bar:
            if engine == "dask":
                from .pipeline import require

                require("distributed", "scale", "newsfuse digest --engine dask")
                from .scale import run_dask

                result = run_dask(nf.store, paths, scheduler=scheduler, workers=workers, workdir=workdir,
                                  progress=bar.update, on_reject=_report_rejection, log=err.print)
                stats = result.stats
            else:
                result = nf.ingest(paths, progress=bar.update, on_reject=_report_rejection)
                stats = nf.process(progress=bar.update)
        data, page = nf.report(result, out_dir)
    out.print(result.summary(), highlight=False)
    if not quiet:
        for step in stats.steps:
            out.print(f"  {step}", style="dim", highlight=False)
    out.print(f"{len(data['stories'])} stories, {len(data['articles'])} articles, "
              f"{len(data['relations'])} copy relations. Report: [b]{page}[/] (and {out_dir / 'digest.json'})")
    if result.rejected:
        raise typer.Exit(EXIT_REJECTED)


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOpt = None,
    quiet: QuietOpt = False,
    process: Annotated[bool, typer.Option("--process/--no-process", help="Also run every stage after ingest.")] = True,
    stories_model: ModelOpt = None,
) -> None:
    """Store captures (each original byte, with provenance) and, by default, process them.

    The same capture twice is stored once. Bad inputs are reported, kept in quarantine
    with their reason (`newsfuse errors`) and the run goes on. Exit code 3 if any was rejected.
    """
    _use_model(stories_model)
    with _open(db) as nf, ProgressBar(enabled=not quiet) as bar:
        result = nf.ingest(paths, progress=bar.update, on_reject=_report_rejection)
        if process:
            nf.process(progress=bar.update)
    out.print(result.summary(), highlight=False)
    if result.rejected:
        raise typer.Exit(EXIT_REJECTED)


@app.command()
def stories(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """List stories: title, time span, articles and independent sources."""
    from rich.table import Table

    with _open(db) as nf:
        items = nf.stories()
    if as_json:
        out.print_json(data=[s.to_dict() for s in items])
        return
    if not items:
        out.print("No stories yet: run `newsfuse ingest PATH` or `newsfuse digest PATH`.")
        return
    table = Table("id", "title", "span", "articles", "sources", box=None, header_style="bold")
    for s in items:
        span = " – ".join(dict.fromkeys(d for d in (s.first_date, s.last_date) if d))
        table.add_row(s.id, s.title, span, str(len(s.articles)), str(s.independent_sources))
    out.print(table)


@app.command()
def show(
    ref: Annotated[str, typer.Argument(help="A story id, or an article id / id prefix / source.")],
    db: DbOpt = None,
    raw: Annotated[bool, typer.Option("--raw", help="Show the whole capture, each line with the extractor's label.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Show one story (with its synthesis) or one article (metadata, copies, text)."""
    from . import show as views

    with _open(db) as nf:
        story = nf.story(ref)
        if story is not None:
            syn = nf.synthesis(story.id)
            if as_json:
                from .report import story_json

                out.print_json(data=story_json(story, syn))
            else:
                views.print_story(out, story, syn, nf.store.articles(story.articles, labels=False))
            return
        article = nf.article(ref)
        if article is None:
            err.print(f"No story or article matches '{ref}'. Try `newsfuse stories`.")
            raise typer.Exit(1)
        relations = nf.relations(article.id)
        if as_json:
            data = article.to_dict()
            data["relations"] = [r.to_dict() for r in relations]
            out.print_json(data=data)
        elif raw:
            views.print_raw(out, article, nf.store.document(article.doc_id))
        else:
            story_id = nf.store.story_of([article.id]).get(article.id)
            views.print_article(out, article, relations, story_id)


@app.command()
def merge(
    a: Annotated[str, typer.Argument(help="A story id.")],
    b: Annotated[str, typer.Argument(help="The story id to merge into it.")],
    db: DbOpt = None,
) -> None:
    """Merge two stories by hand. Kept across later runs; the old id still finds the story."""
    from .edits import StoryEditError

    with _open(db) as nf:
        try:
            story = nf.merge(a, b)
        except StoryEditError as exc:
            err.print(f"Cannot merge: {exc}")
            raise typer.Exit(1) from None
    out.print(f"Merged into {story.id}: {len(story.articles)} articles. {story.title}", highlight=False, markup=False)


@app.command()
def split(
    story: Annotated[str, typer.Argument(help="The story id.")],
    articles: Annotated[list[str], typer.Argument(help="Ids of the articles to move into a new story.")],
    db: DbOpt = None,
) -> None:
    """Split articles out of a story into a new story, by hand (kept across later runs)."""
    from .edits import StoryEditError

    with _open(db) as nf:
        try:
            new = nf.split(story, articles)
        except StoryEditError as exc:
            err.print(f"Cannot split: {exc}")
            raise typer.Exit(1) from None
    out.print(f"New story {new.id}: {len(new.articles)} articles. {new.title}", highlight=False, markup=False)


@app.command()
def errors(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """List rejected inputs with the reason each was rejected."""
    with _open(db) as nf:
        items = nf.errors()
    if as_json:
        out.print_json(data=[r.to_dict() for r in items])
        return
    if not items:
        out.print("No rejected inputs.")
        return
    for r in items:
        out.print(r.line(), highlight=False, markup=False, soft_wrap=True)
    out.print(f"{len(items)} rejected inputs.")


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="json, jsonl, csv, or backup (the whole store, for `newsfuse import`).")] = "json",
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="File to write (default: stdout; gzip if it ends in .gz).")] = None,
    db: DbOpt = None,
) -> None:
    """Export every article (one record each, with its source and story), or back up the whole store."""
    if fmt not in ("json", "jsonl", "csv", "backup"):
        err.print(f"Unknown format '{fmt}': use json, jsonl, csv or backup.")
        raise typer.Exit(2)
    with _open(db) as nf:
        if output is None:
            nf.export(fmt, sys.stdout)  # type: ignore[arg-type]
        else:
            import gzip

            opener = gzip.open if output.suffix == ".gz" else open
            with opener(output, "wt", encoding="utf-8", newline="") as fh:  # type: ignore[operator]
                nf.export(fmt, fh)  # type: ignore[arg-type]
            err.print(f"Wrote {output}")


@app.command("import")
def import_(
    backup: Annotated[Path, typer.Argument(help="A backup made by `newsfuse export --format backup` (.gz or plain).")],
    db: DbOpt = None,
) -> None:
    """Restore a backup into a new, empty store (stories keep their ids; later ingests continue it)."""
    from .store.transfer import TransferError

    with _open(db) as nf:
        try:
            counts = nf.import_backup(backup)
        except TransferError as exc:
            err.print(f"Cannot import: {exc}", highlight=False, markup=False)
            raise typer.Exit(1) from None
    shown = ("documents", "rejections", "articles", "relations", "stories", "syntheses")
    out.print("Imported " + ", ".join(f"{counts.get(k, 0)} {k}" for k in shown) + ".", highlight=False)


@app.command()
def synthesize(
    paths: PathsArg,
    words: Annotated[int, typer.Option("--words", "-w", min=30, max=400, help="Length of the account in words.")] = 150,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, json or html.")] = "text",
) -> None:
    """Treat the given captures as ONE story (no clustering) and print its synthesis."""
    from .oneshot import synthesize_paths

    if fmt not in ("text", "json", "html"):
        err.print(f"Unknown format '{fmt}': use text, json or html.")
        raise typer.Exit(2)
    result = synthesize_paths(paths, words=words)
    for rej in result.rejected:
        _report_rejection(rej)
    if not result.articles:
        err.print("No readable capture among the inputs.")
        raise typer.Exit(1)
    if fmt == "json":
        out.print_json(data=result.digest["stories"][0])
    elif fmt == "html":
        from .report import render_html

        sys.stdout.write(render_html(result.digest, []))
    else:
        from . import show as views

        views.print_story(out, result.story, result.synthesis, result.articles)


@app.command()
def check(db: DbOpt = None) -> None:
    """Check the store's integrity: every capture once, every article traceable, no orphans."""
    with _open(db) as nf:
        problems = nf.check()
        counts = nf.store.counts()
    out.print(", ".join(f"{v} {k}" for k, v in counts.items()))
    if problems:
        for p in problems:
            err.print(f"[red]problem[/] {p}")
        raise typer.Exit(1)
    out.print("Store is consistent.")


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to bind. Other than 127.0.0.1 exposes the store to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
) -> None:
    """Serve the web UI and the REST API (/api/v1, docs at /docs) over the store.

    Writes (upload, merge, split) need the token in $NEWSFUSE_TOKEN, sent as
    `Authorization: Bearer TOKEN`; without NEWSFUSE_TOKEN set, the server is read-only.
    """
    from .pipeline import require

    require("fastapi", "web", "newsfuse serve")
    require("uvicorn", "web", "newsfuse serve")
    from .web import run_server

    run_server(db=db, host=host, port=port)


def main() -> None:
    """Entry point: user errors become one readable line, never a traceback."""
    from sqlalchemy.exc import ArgumentError, OperationalError

    from .pipeline import MissingDependency

    try:
        app()
    except MissingDependency as exc:
        err.print(f"newsfuse: {exc}")
        sys.exit(1)
    except (OperationalError, ArgumentError) as exc:
        err.print(f"newsfuse: cannot use the store: {str(exc).splitlines()[0]}")
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("newsfuse: interrupted; what was committed is kept, run again to complete.")
        sys.exit(130)
    except OSError as exc:
        err.print(f"newsfuse: {exc}")
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()

