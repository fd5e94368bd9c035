"""Command line: parses arguments, calls the library, turns its errors into one-line messages.

Exit codes: 0 success, 2 bad usage or bad input, 1 anything else. With --json, stdout carries
only the JSON object; notices and progress go to stderr.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from . import __version__
from .settings import MODES, get_settings


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, not argparse's usage block: the hint says where the full usage is.
        self.exit(2, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


def _quiet() -> None:
    """No library chatter on the hot path: warnings and info logs are not for the user."""
    warnings.filterwarnings("ignore")
    logging.basicConfig(level=logging.ERROR)
    for name in ("chromadb", "httpx", "sentence_transformers", "transformers", "llama_index",
                 "gradio", "urllib3", "matplotlib"):
        logging.getLogger(name).setLevel(logging.ERROR)


def _settings(args: argparse.Namespace, **extra: Any) -> Any:
    mode = getattr(args, "mode", None)
    values = {"index_dir": getattr(args, "index_dir", None),
              "mode": mode if mode in MODES else None, "top_k": getattr(args, "top_k", None),
              **{k: getattr(args, k, None) for k in ("llm", "llm_base_url", "llm_timeout")}}
    values.update(extra)
    return get_settings(**values)


def _print_json(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2))


def cmd_index(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if args.list:
        return _list_documents(settings, args.json)
    if args.remove:
        from .pipeline import remove_document

        info = remove_document(settings, args.remove)
        print(f"removed {args.remove}; the index holds {len(info.docs)} document(s), "
              f"{info.units} units")
        return 0
    from .pipeline import index_documents

    report = index_documents(settings, [Path(p) for p in args.paths] or None,
                             rebuild=args.rebuild)
    for line in report.refused:
        print(f"resolution-qa: refused: {line}", file=sys.stderr)
    for symbol in report.embedded:
        doc = report.info.doc(symbol)
        print(f"indexed {symbol} ({doc.units if doc else 0} units)")
    for symbol in report.unchanged:
        print(f"{symbol} is up to date")
    print(f"{len(report.info.docs)} document(s), {report.units} units in "
          f"{settings.index_location} ({report.seconds:.1f} s)")
    return 2 if report.refused else 0


def _list_documents(settings: Any, as_json: bool) -> int:
    from .store import Store

    info = Store(settings.index_location).info()
    docs = [] if info is None else list(info.docs)
    if as_json:
        _print_json({"documents": [{"symbol": d.symbol, "title": d.title, "units": d.units}
                                   for d in docs]})
    elif not docs:
        print(f"no documents indexed in {settings.index_location}: run `resolution-qa index "
              "[FILE ...]`")
    else:
        width = max(len(d.symbol) for d in docs)
        for d in docs:
            print(f"{d.symbol:<{width}}  {d.units:>4} units  {d.title}")
    return 0


def _loading() -> None:
    """One line on a terminal while the model and index load: a cold start takes seconds, and
    silence looks like a hang. Never on a pipe, so scripts and --json stdout stay clean."""
    if sys.stderr.isatty():
        print("Loading the embedding model and the index…", file=sys.stderr, flush=True)


def cmd_ask(args: argparse.Namespace) -> int:
    from .answer import check_question
    from .pipeline import Pipeline

    settings = _settings(args)
    check_question(args.question, settings.max_question_chars)  # a bad question fails at once
    _loading()
    pipeline = Pipeline(settings)
    answer = pipeline.ask(args.question, doc=args.doc)
    for warning in answer.warnings:
        print(f"note: {warning}", file=sys.stderr)
    if args.json:
        _print_json(answer.to_json())
        return 0
    print(answer.answer)
    if answer.citations:
        print("\nSources:")
        for c in answer.citations:
            unit = pipeline.unit(c.para, c.doc)
            if unit:
                print(f"\n{unit.marker_in(len(pipeline.docs))} {unit.label}, {unit.doc} "
                      f"({unit.doc_title})")
                print(f"  {unit.text}")
    return 0


def _id_ranges(ids: Sequence[str]) -> str:
    """'title, PP1-PP4, 1-25, fn1': the valid ids, compactly."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.append(run[0] if len(run) == 1 else f"{run[0]}-{run[-1]}")
            run.clear()

    def split(uid: str) -> tuple[str, int] | None:
        prefix = uid.rstrip("0123456789")
        return (prefix, int(uid[len(prefix):])) if uid[len(prefix):] else None

    for uid in ids:
        cur, prev = split(uid), split(run[-1]) if run else None
        if cur and prev and cur[0] == prev[0] and cur[1] == prev[1] + 1:
            run.append(uid)
            continue
        flush()
        if cur:
            run.append(uid)
        else:
            out.append(uid)
    flush()
    return ", ".join(out)


def cmd_show(args: argparse.Namespace) -> int:
    from .pipeline import open_index
    from .types import find_units

    store, info = open_index(_settings(args))
    units = store.units(info)
    docs = [d.symbol for d in info.docs]
    doc = next((d for d in docs if d.lower() == args.doc.lower()), None) if args.doc else None
    if args.doc and doc is None:
        raise UsageError(f"{args.doc} is not indexed; the index holds {', '.join(docs)}")
    found = find_units(units, args.para, doc)
    if not found:
        scope = [u for u in units if doc is None or u.doc == doc]
        raise UsageError(f"no paragraph {args.para!r}; valid ids"
                         + (f" in {doc}" if doc or len(docs) == 1 else "") + ": "
                         + _id_ranges([u.id for u in scope if doc or len(docs) == 1
                                       or u.doc == docs[0]]))
    if len(found) > 1:
        if args.json:
            _print_json({"para": args.para, "documents": [u.doc for u in found]})
        else:
            print(f"{len(found)} documents have paragraph {args.para}; choose one with --doc:")
            for u in found:
                print(f"  --doc {u.doc}  {u.label} ({u.doc_title})")
        return 0
    unit = found[0]
    if args.json:
        _print_json(unit.to_json())
    else:
        print(f"{unit.marker_in(len(docs))} {unit.label}, {unit.doc} ({unit.doc_title})\n\n"
              f"{unit.text}")
        if unit.links:
            print(f"\nSee also: {', '.join(unit.links)}")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from . import bench

    if not args.dataset.exists():
        raise UsageError(f"{args.dataset} not found: run from the repository root or pass "
                         "--dataset FILE (JSONL with a \"question\" per line)")
    print("benchmarking (index build, 50 warm asks, one cold ask)...", file=sys.stderr)
    report = bench.run(_settings(args), bench.load_questions(args.dataset, args.questions))
    if args.json:
        _print_json(report.to_json())
    else:
        print(f"warm ask      p50 {report.ask_p50_ms:.1f} ms   p95 {report.ask_p95_ms:.1f} ms "
              f"({report.questions} questions)")
        print(f"embed floor   p50 {report.embed_p50_ms:.1f} ms   ratio {report.ratio:.2f}x "
              "(target <= 2.5x)")
        print(f"index build   {report.index_s:.2f} s")
        print(f"cold start    {report.cold_start_s:.2f} s (one `ask` process)")
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    from .app import launch
    from .pipeline import Pipeline

    _loading()
    pipeline = Pipeline(_settings(args))
    doc = pipeline.check_doc(args.doc)
    print(f"chat at http://{args.host}:{args.port} (Ctrl+C to stop)", file=sys.stderr)
    try:
        launch(pipeline, host=args.host, port=args.port, doc=doc)
    except OSError as exc:
        raise UsageError(f"cannot serve on {args.host}:{args.port} ({exc.strerror or exc}): "
                         "choose another --port") from None
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from . import evaluate
    from .pipeline import Pipeline

    _loading()
    pipeline = Pipeline(_settings(args, top_k=None))
    doc = pipeline.check_doc(args.doc)
    items = evaluate.load_dataset(args.dataset, pipeline.units, doc=doc)
    run = evaluate.run(pipeline, items, evaluate.modes_for(args.mode), top_k=args.top_k,
                       dataset=str(args.dataset), doc=doc)
    if args.per_question:
        evaluate.write_per_question(run, args.per_question)
    if args.report:
        for path in evaluate.write_report(run, args.report):
            print(f"wrote {path}", file=sys.stderr)
    names = [*evaluate.METRICS, "refusal_accuracy", "answerable_refused",
             "citation_precision", "citation_recall"]
    for scope, results in run.scopes():
        if scope:
            print(f"\n{scope}")
        print(f"{'metric':<20}" + "".join(f"{r.mode:>10}" for r in results))
        for n in names:
            print(f"{n:<20}" + "".join(f"{r.metrics[n]:>10.3f}" for r in results))
    print(f"llama-index RetrieverEvaluator agrees: {'yes' if run.agree else 'NO'}")
    if pipeline.generator is not None:
        from .compare import FIGURES, compare

        figures = compare(pipeline, items)
        print(f"\nanswers (top-k {pipeline.settings.top_k}, same retrieved units), "
              f"{pipeline.settings.llm}")
        print(f"{'figure':<20}" + "".join(f"{name:>12}" for name in figures))
        for n in FIGURES:
            print(f"{n:<20}" + "".join(f"{f[n]:>12.3f}" for f in figures.values()))
    return 0


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--index-dir", type=Path, default=argparse.SUPPRESS,
                        help="folder of the embedded index (env RESOLUTION_QA_INDEX_DIR; "
                             "default ./index)")
    parser = _Parser(prog="resolution-qa", parents=[common],
                     description="Cited answers to questions about ICC Assembly of States "
                                 "Parties resolutions.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    doc = _Parser(add_help=False)
    doc.add_argument("--doc", metavar="SYMBOL", default=None,
                     help="only this document (e.g. ICC-ASP/11/Res.5; see `index --list`)")
    llm = _Parser(add_help=False)
    llm.add_argument("--llm", metavar="PROVIDER:MODEL", default=None,
                     help="generative answers from ollama:MODEL or openai:MODEL, every citation "
                          "checked (env RESOLUTION_QA_LLM; default: extractive answers)")
    llm.add_argument("--llm-base-url", metavar="URL", default=None,
                     help="the model's endpoint (env RESOLUTION_QA_LLM_BASE_URL; Ollama "
                          "default http://127.0.0.1:11434; required for openai:)")
    llm.add_argument("--llm-timeout", metavar="SECONDS", type=float, default=None,
                     help="seconds to wait for the model's reply (default 60)")

    p = sub.add_parser("index", parents=[common], help="add, refresh, list or remove documents")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="resolution files (.txt or .pdf) to add or refresh (default: refresh "
                        "what is indexed, or index the shipped ICC-ASP/11/Res.5)")
    p.add_argument("--rebuild", action="store_true", help="re-embed everything")
    p.add_argument("--list", action="store_true", help="list the indexed documents")
    p.add_argument("--remove", metavar="SYMBOL", default=None, help="remove one document")
    p.add_argument("--json", action="store_true", help="with --list: print one JSON object")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("ask", parents=[common, doc, llm], help="answer a question with citations")
    p.add_argument("question", metavar="QUESTION")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--top-k", type=int, default=None, help="units retrieved (default 5)")
    p.add_argument("--mode", choices=MODES, default=None, help="retrieval mode (default hybrid)")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("show", parents=[common, doc], help="print one unit in full")
    p.add_argument("para", metavar="PARA",
                   help="unit id: title, PP2, 7, 2(b), fn1, annex.3 (see the README)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("bench", parents=[common], help="measure latency and build time")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--dataset", type=Path, default=Path("eval/questions.jsonl"),
                   help="questions to time (default eval/questions.jsonl)")
    p.add_argument("--questions", type=int, default=50, help="warm asks to time (default 50)")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("chat", parents=[common, doc, llm], help="open the chat in the browser")
    p.add_argument("--host", default="127.0.0.1", help="address to serve on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=7860, help="port (default 7860)")
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("eval", parents=[common, doc, llm], help="evaluate retrieval and answers")
    p.add_argument("--dataset", type=Path, default=Path("eval/questions.jsonl"),
                   help="JSONL of {\"question\", \"expected\": [unit ids], \"doc\"?: SYMBOL}")
    p.add_argument("--mode", choices=[*MODES, "all"], default="hybrid")
    p.add_argument("--top-k", type=int, default=10, help="units retrieved per question")
    p.add_argument("--per-question", type=Path, default=None, metavar="FILE",
                   help="write one JSONL record per question and mode")
    p.add_argument("--report", type=Path, default=None, metavar="DIR",
                   help="write report.md, metrics.json and a chart")
    p.set_defaults(func=cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _quiet()
    parser = build_parser()
    args = parser.parse_args(argv)
    from .answer import InputError
    from .corpus import CorpusError
    from .embed import ModelError
    from .llm import PromptError
    from .store import StoreError

    try:
        return int(args.func(args))
    except (UsageError, InputError, CorpusError, PromptError, ValueError) as exc:
        print(f"resolution-qa: error: {exc}", file=sys.stderr)
        return 2
    except (StoreError, ModelError) as exc:
        print(f"resolution-qa: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("resolution-qa: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - no traceback for the user; debug env shows it
        if os.environ.get("RESOLUTION_QA_DEBUG"):
            raise
        print(f"resolution-qa: unexpected error: {type(exc).__name__}: {exc} "
              "(set RESOLUTION_QA_DEBUG=1 for details)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
