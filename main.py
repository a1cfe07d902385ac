"""Entry point: the window with no command, else the command line of ../shared/spec/contract.md.

Exit status: 0 success, 1 the check found errors, 2 the input could not be used. No traceback ever reaches
the user: an unexpected error prints one Chinese line and goes, with its details, into the log file.
"""

from __future__ import annotations

import argparse
import json
import logging
import logging.handlers
import sys
from pathlib import Path

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2

# argparse speaks English; these are the phrases a user can meet.
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择 %(value)r（可选：%(choices)s）",
    "expected one argument": "需要一个值",
    "invalid %(type)s value: %(value)r": "无效的值 %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"错误：{message}", file=sys.stderr)
        raise SystemExit(EXIT_UNUSABLE)


def build_parser() -> argparse.ArgumentParser:
    argparse._ = lambda s: _ARGPARSE_ZH.get(s, s)  # type: ignore[attr-defined]
    parser = _Parser(prog="main.py", description="政府信息公开工作年度报告编制工具。不带命令时打开程序窗口。")
    parser.add_argument("--db", metavar="文件", help="使用指定的数据库文件（不存在时新建）")
    parser.add_argument("--smoke-test", action="store_true", help="打开主窗口、依次显示各节后关闭（用于自检）")
    commands = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    check = commands.add_parser("check", help="检查报告中的错误和警告", description="检查交换文件中的报告。")
    check.add_argument("report", metavar="报告.json")
    check.add_argument("--json", action="store_true", help="以 JSON 数组输出检查结果")
    check.add_argument("--previous", metavar="上年报告.json", help="同时与上年报告核对结转数")

    export = commands.add_parser("export", help="导出报告", description="把交换文件中的报告导出为其他文件。")
    export.add_argument("report", metavar="报告.json")
    export.add_argument("--to", required=True, metavar="输出文件", help="输出文件，类型由扩展名决定")

    imp = commands.add_parser("import", help="导入已发布的年报", description="把已发布的年报读成交换文件。")
    imp.add_argument("published", metavar="已发布年报")
    imp.add_argument("--to", required=True, metavar="报告.json")

    agg = commands.add_parser("aggregate", help="汇总多份报告", description="把同一年度、同一格式的多份报告汇总为一份。")
    agg.add_argument("reports", nargs="+", metavar="报告.json")
    agg.add_argument("--agency", required=True, metavar="机关名称")
    agg.add_argument("--to", required=True, metavar="汇总.json")
    return parser


class UserError(Exception):
    """Input that cannot be used: printed as one Chinese line per problem, exit 2."""

    def __init__(self, *lines: str):
        super().__init__("\n".join(lines))
        self.lines = lines


def _load(path: str):
    from report import exchange

    try:
        return exchange.read(path)
    except exchange.ExchangeError as e:
        raise UserError(*(f"{path}：{p}" for p in e.problems)) from None


def cmd_check(args) -> int:
    from report.checks import ERROR, check

    report = _load(args.report)
    previous = _load(args.previous) if args.previous else None
    findings = check(report, previous)
    if args.json:
        print(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        for f in findings:
            where = f"（单元格：{'、'.join(f.cells[:8])}{'……' if len(f.cells) > 8 else ''}）" if f.cells else ""
            print(f"{'错误' if f.level == ERROR else '警告'} [{f.rule}] {f.message}{where}")
        errors = sum(f.level == ERROR for f in findings)
        warnings = len(findings) - errors
        print(f"共 {errors} 个错误、{warnings} 个警告。" if findings else "未发现问题。")
    return EXIT_FINDINGS if any(f.level == ERROR for f in findings) else EXIT_OK


OUTPUT_KINDS = {".json": "交换文件", ".pdf": "PDF", ".docx": "Word 文档", ".html": "网页", ".xlsx": "电子表格"}


def cmd_export(args) -> int:
    from export import exchange_file
    from export.files import OutputError

    suffix = Path(args.to).suffix.lower()
    if suffix not in OUTPUT_KINDS:
        raise UserError(f"无法识别输出文件 {args.to} 的类型：扩展名应为 {'、'.join(OUTPUT_KINDS)} 之一")
    report = _load(args.report)
    if suffix != ".json":
        raise UserError(f"导出为{OUTPUT_KINDS[suffix]}（{suffix}）的功能尚未提供；目前可导出交换文件（.json）")
    try:
        exchange_file.write(report, args.to)
    except OutputError as e:
        raise UserError(str(e)) from None
    print(f"已导出 {args.to}")
    return EXIT_OK


def cmd_not_yet(args) -> int:
    names = {"import": "导入已发布的年报", "aggregate": "汇总"}
    raise UserError(f"「{names[args.command]}」功能尚未提供")


def run_window(args) -> int:
    from gui.app import run

    return run(db=args.db, smoke_test=args.smoke_test)


def _setup_logging() -> Path | None:
    try:
        from storage.locations import log_path

        path = log_path()
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except Exception:  # logging must never stop the program
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)
    return path


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")  # a console that cannot show a character must not crash us
    log = _setup_logging()
    try:
        args = build_parser().parse_args(argv)
        handlers = {"check": cmd_check, "export": cmd_export, "import": cmd_not_yet, "aggregate": cmd_not_yet}
        return handlers[args.command](args) if args.command else run_window(args)
    except UserError as e:
        for line in e.lines:
            print(f"错误：{line}", file=sys.stderr)
        return EXIT_UNUSABLE
    except SystemExit as e:  # argparse: --help (0) or a usage error (already printed)
        return e.code if isinstance(e.code, int) else EXIT_UNUSABLE
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return EXIT_UNUSABLE
    except Exception:
        logging.getLogger("main").exception("unexpected error")
        where = f"详细信息已写入日志文件 {log}" if log else "无法写入日志文件"
        print(f"错误：程序内部出错，操作未完成。{where}", file=sys.stderr)
        return EXIT_UNUSABLE


if __name__ == "__main__":
    sys.exit(main())
