"""``gidar train``, ``gidar evaluate`` and ``gidar corpus …``: thin wrappers over models/.

``add_commands(subparsers, settings_factory)`` registers them on the main
parser; ``settings_factory(args)`` returns the resolved Settings.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "corpus"
DEFAULT_GOLD = DEFAULT_CORPUS / "labels" / "heldout-generated.jsonl"


def add_commands(subparsers, settings_factory) -> None:
    p = subparsers.add_parser("train", help="train the ML tagger from the labeled corpus",
                              description="Train the candidate classifier from every label split except "
                                          "the evaluation splits; skipped when the data is unchanged.")
    p.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="corpus directory (its labels/*.jsonl)")
    p.add_argument("--out", default=None, help="model directory (default: the packaged models/trained)")
    p.add_argument("--seed", type=int, default=0, help="random seed (training is deterministic)")
    p.add_argument("--force", action="store_true", help="retrain even when the data hash is unchanged")
    p.add_argument("--spacy", action="store_true",
                   help="train the spaCy candidate classifier (models/spacy/config.cfg) instead of the linear model")
    p.set_defaults(func=lambda a: cmd_train(a, settings_factory(a)))

    p = subparsers.add_parser("evaluate", help="precision/recall/F1 per metric against gold labels",
                              description="Score taggers against a gold label file (JSONL).")
    p.add_argument("--gold", default=str(DEFAULT_GOLD), help="gold labels (JSONL); default: the held-out split")
    # dest is not "tagger": the settings factory reads args.tagger, and "all" is no tagger setting.
    p.add_argument("--tagger", dest="evaluated", default="all", choices=("rule", "ml", "ensemble", "spacy", "ensemble-spacy", "all"),
                   help="which tagger to score (default: all)")
    p.add_argument("--format", default="text", choices=("text", "json"))
    p.add_argument("--mistakes", type=int, default=0, help="list up to N misses and spurious claims")
    p.set_defaults(func=lambda a: cmd_evaluate(a, settings_factory(a)))

    corpus = subparsers.add_parser("corpus", help="labeled corpus: stats, import, export")
    sub = corpus.add_subparsers(dest="corpus_command", required=True)
    s = sub.add_parser("stats", help="span counts per metric and split")
    s.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    s.set_defaults(func=cmd_corpus_stats)
    s = sub.add_parser("import", help="Label Studio or doccano JSON → label JSONL")
    s.add_argument("file", help="an export of Label Studio (JSON) or doccano (JSONL/JSON)")
    s.add_argument("--out", required=True, help="label JSONL to write")
    s.add_argument("--split", default="train", help="split recorded in each line's meta")
    s.set_defaults(func=cmd_corpus_import)
    s = sub.add_parser("export", help="label JSONL → Label Studio or doccano JSON")
    s.add_argument("--labels", default=None, help="one label JSONL (default: the whole corpus)")
    s.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    s.add_argument("--to", required=True, choices=("label-studio", "doccano"))
    s.add_argument("--out", required=True)
    s.set_defaults(func=cmd_corpus_export)


def cmd_train(args, settings) -> int:
    from models.training import (default_model_path, default_spacy_path, train_linear, train_spacy,
                                 training_lines)
    lines = training_lines(args.corpus)
    if not lines:
        print(f"没有训练数据：{args.corpus} 下没有标注文件", file=sys.stderr)
        return 2
    if getattr(args, "spacy", False):
        from models.spacy_tagger import SPACY_NAME
        out = Path(args.out) / SPACY_NAME if args.out else default_spacy_path(settings.models_dir)
        manifest, trained = train_spacy(lines, out, seed=args.seed, force=args.force)
    else:
        out = Path(args.out) / "linear-candidates" if args.out else default_model_path(settings.models_dir)
        manifest, trained = train_linear(lines, out, seed=args.seed, force=args.force)
    state = "trained" if trained else "unchanged data, kept"
    print(f"{manifest.name} {manifest.version}: {state} ({len(lines)} texts, "
          f"{manifest.metrics.get('training_examples')} candidates) → {out}")
    return 0


def cmd_evaluate(args, settings) -> int:
    from models.artifacts import ArtifactError
    from models.evaluate import evaluate, format_table
    from models.labels import read_jsonl
    from models.registry import TAGGERS, get_tagger
    gold = read_jsonl(args.gold)
    names = TAGGERS if args.evaluated == "all" else (args.evaluated,)
    results = {}
    for name in names:
        try:
            results[name] = evaluate(get_tagger(name, settings), gold, keep_mistakes=args.mistakes)
        except ArtifactError as exc:
            print(f"{name}: {exc}", file=sys.stderr)
            if args.evaluated != "all":
                return 2
    if args.format == "json":
        payload = results[names[0]] if len(names) == 1 else results
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    print(f"gold: {args.gold} ({len(gold)} texts)\n")
    print(format_table(results))
    for name, r in results.items():
        rec = r.get("reconciliation")
        if rec:
            print(f"  [{name}] reconciliation on {rec['documents']} documents with gold findings: "
                  f"{rec['found']}/{rec['expected']} expected findings raised, "
                  f"{rec['unexpected_errors']} unexpected error findings")
    for name, r in results.items():
        for m in r.get("mistakes", ()):
            print(f"  [{name}] {m['kind']:8} {m['metric']:34} {m['context']}")
    return 0


def cmd_corpus_stats(args) -> int:
    from models.labels import format_stats, read_corpus, stats
    print(format_stats(stats(read_corpus(args.corpus))))
    return 0


def cmd_corpus_import(args) -> int:
    from models.labels import LabelError, load_any, write_jsonl
    try:
        lines = load_any(args.file, split=args.split)
    except (LabelError, ValueError, KeyError) as exc:
        print(f"无法导入 {args.file}：{exc}", file=sys.stderr)
        return 2
    n = write_jsonl(lines, args.out)
    print(f"{n} texts, {sum(len(l.spans) for l in lines)} spans → {args.out}")
    return 0


def cmd_corpus_export(args) -> int:
    from models.labels import read_corpus, read_jsonl, to_doccano, to_label_studio
    lines = read_jsonl(args.labels) if args.labels else read_corpus(args.corpus)
    out = Path(args.out)
    if args.to == "label-studio":
        out.write_text(json.dumps(to_label_studio(lines), ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in to_doccano(lines)),
                       encoding="utf-8")
    print(f"{len(lines)} texts → {out} ({args.to})")
    return 0
